// @ts-check
/**
 * `npm run size`: for every page of the built site, the gzipped JavaScript it loads before
 * any interaction, measured in Chromium against the isolated static server. Needs dist/
 * (npm run build). Budgets: article pages 15 KB without examples, 30 KB with them; the challenges page as an article with examples.
 */
import { fileURLToPath } from 'node:url';
import { startStaticServer } from './static-server.mjs';
import { launchChromium } from './lib/chromium.mjs';
import { measurePageJs } from './lib/measure-js.mjs';
import { builtPages } from './lib/built-pages.mjs';

const dist = fileURLToPath(new URL('../dist/', import.meta.url));
const server = await startStaticServer({ root: dist });
const browser = await launchChromium();
const kb = (/** @type {number} */ n) => (n / 1024).toFixed(1).padStart(6) + ' KB';
let over = 0;
try {
  console.log('gzipped JS before interaction');
  for (const { url, html } of builtPages(dist)) {
    if (/http-equiv="refresh"/.test(html)) continue;
    const m = await measurePageJs(browser, server.url + url);
    const budget = url.startsWith('/articles/') || url === '/challenges/' ? (html.includes('data-example-id') ? 30 : 15) * 1024 : undefined;
    const verdict = budget === undefined ? '' : m.gzip <= budget ? `  ok (budget ${kb(budget).trim()})` : `  OVER budget ${kb(budget).trim()}`;
    if (budget !== undefined && m.gzip > budget) over++;
    console.log(`${kb(m.gzip)}  ${url}${verdict}`);
    for (const f of m.files) console.log(`           ${kb(f.gzip)}  ${f.name}`);
  }
} finally {
  await browser.close();
  await server.close();
}
process.exit(over ? 1 : 0);
