/**
 * JavaScript budgets (bytes are deterministic, so this is a test, not a benchmark): before any
 * interaction an article page loads at most 15 KB of gzipped JS, or 30 KB when it embeds runnable
 * examples (their islands may hydrate at once if one is in view). `npm run size` prints details.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { baseUrl, launch } from './browser';
import { measurePageJs } from '../../scripts/lib/measure-js.mjs';
import { builtPages } from '../site/pages';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser.close();
});

describe('JS before interaction', () => {
  for (const { url, html } of builtPages().filter((p) => p.url.startsWith('/articles/'))) {
    const budget = html.includes('data-example-id') ? 30 : 15;
    it(`${url} loads at most ${budget} KB gzipped`, async () => {
      const { gzip, files } = await measurePageJs(browser, baseUrl() + url);
      expect(gzip, files.map((f) => `${f.name} ${f.gzip}`).join('\n')).toBeLessThanOrEqual(budget * 1024);
    });
  }
});
