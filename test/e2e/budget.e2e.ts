/**
 * JavaScript budgets (bytes are deterministic, so this is a test, not a benchmark): an article
 * page loads at most 15 KB of gzipped JS before any interaction. `npm run size` prints the details.
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
  for (const { url } of builtPages().filter((p) => p.url.startsWith('/articles/'))) {
    it(`${url} loads at most 15 KB gzipped`, async () => {
      const { gzip, files } = await measurePageJs(browser, baseUrl() + url);
      expect(gzip, files.map((f) => `${f.name} ${f.gzip}`).join('\n')).toBeLessThanOrEqual(15 * 1024);
    });
  }
});
