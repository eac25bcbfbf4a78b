/**
 * The shipped nginx server block (deploy/nginx.conf), for real: Debian's nginx serves dist/ on a
 * loopback port, and every response carries the headers of src/isolation-headers.mjs, the 404 page
 * and redirects included; caching follows the rule; in Chromium a page through nginx is cross-origin
 * isolated, has the CSP with 0 violations, and Run shows the race.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launch } from './browser';
import { watchCsp } from './csp-watch';
import { pageOf, ready, runOnce } from './examples-helpers';
import { distDir } from '../site/pages';
import { startNginx } from '../../scripts/lib/nginx.mjs';
import { cacheRules, embedHeaders, headersFor } from '../../src/isolation-headers.mjs';

const RACE = 'race-conditions/counter-race';

let nginx: { url: string; close(): Promise<void> };
let browser: Browser;
beforeAll(async () => {
  const serverBlock = readFileSync(new URL('../../deploy/nginx.conf', import.meta.url), 'utf8');
  nginx = await startNginx({ root: distDir, serverBlock });
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
  await nginx?.close();
});

function expectHeaders(res: Response, pathname: string) {
  for (const [name, value] of Object.entries(headersFor(pathname))) expect(res.headers.get(name), `${name} on ${pathname}`).toBe(value);
}

describe('nginx with deploy/nginx.conf', () => {
  it('sends every header on pages, files, redirects and the 404 page; Document-Isolation-Policy only on embeds', async () => {
    const home = await fetch(nginx.url + '/');
    expect(home.status).toBe(200);
    expectHeaders(home, '/');
    expect(home.headers.get('document-isolation-policy')).toBeNull();

    const embed = await fetch(`${nginx.url}/embed/${RACE}/`);
    expect(embed.status).toBe(200);
    expectHeaders(embed, `/embed/${RACE}/`);
    expect(Object.keys(embedHeaders).every((h) => embed.headers.has(h))).toBe(true);

    const missing = await fetch(nginx.url + '/no-such-page/');
    expect(missing.status).toBe(404);
    expect(await missing.text()).toContain('<html');
    expectHeaders(missing, '/no-such-page/');

    const redirect = await fetch(nginx.url + '/articles/race-conditions', { redirect: 'manual' });
    expect(redirect.status).toBe(301);
    expect(redirect.headers.get('location')).toBe('/articles/race-conditions/');
    expectHeaders(redirect, '/articles/race-conditions');
  });

  it('caches by the rule: hashed assets immutable, the runtime five minutes, pages revalidated', async () => {
    const html = await (await fetch(nginx.url + '/articles/race-conditions/')).text();
    const asset = /(\/_astro\/[^"']+\.js)/.exec(html)?.[1];
    expect(asset).toBeDefined();
    const a = await fetch(nginx.url + asset);
    expect(a.headers.get('cache-control')).toBe(cacheRules.immutable.value);
    expect(a.headers.get('content-type')).toMatch(/javascript/);
    expectHeaders(a, asset ?? '');
    expect((await fetch(nginx.url + '/_interleave/runtime.js')).headers.get('cache-control')).toBe(cacheRules.runtime.value);
    const page = await fetch(nginx.url + '/articles/race-conditions/', { headers: { 'Accept-Encoding': 'gzip' } });
    expect(page.headers.get('cache-control')).toBe(cacheRules.pages);
    expect(page.headers.get('content-encoding')).toBe('gzip');
    // Revalidation works: the validator comes back as a 304 that still carries the headers.
    const again = await fetch(nginx.url + '/articles/race-conditions/', { headers: { 'If-None-Match': page.headers.get('etag') ?? '' } });
    expect(again.status).toBe(304);
    expectHeaders(again, '/articles/race-conditions/');
  });

  it('serves oEmbed answers as JSON and preview images as PNG (by mime.types), with every header', async () => {
    const oembed = await fetch(`${nginx.url}/oembed/embed/${RACE}.json`);
    expect(oembed.status).toBe(200);
    expect(oembed.headers.get('content-type')).toMatch(/^application\/json\b/);
    expect(((await oembed.json()) as { type: string }).type).toBe('rich');
    expectHeaders(oembed, `/oembed/embed/${RACE}.json`);
    const image = await fetch(`${nginx.url}/og/embed/${RACE}.png`);
    expect(image.headers.get('content-type')).toBe('image/png');
    expectHeaders(image, `/og/embed/${RACE}.png`);
  });

  it('in Chromium: isolated, 0 CSP violations, and Run shows the race', async () => {
    const context = await browser.newContext();
    const csp = await watchCsp(context);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(nginx.url + pageOf(RACE), { waitUntil: 'load' });
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
    const ex = await ready(page, RACE);
    const verdicts = [];
    for (let i = 0; i < 3; i++) {
      const v = await runOnce(ex);
      verdicts.push(v.text);
      if (v.ok) break;
    }
    expect(verdicts.at(-1), verdicts.join('\n')).toMatch(/lost/i);
    // The 404 page through nginx is isolated too.
    await page.goto(nginx.url + '/no-such-page/', { waitUntil: 'load' });
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
    expect(await csp.violations()).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });
});
