/** axe-core over every built page, in light and dark, reports zero violations. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { baseUrl, launch, openPage } from './browser';
import { axeViolations } from './axe-run';
import { builtPages } from '../site/pages';

let browser: Browser;

beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser.close();
});

describe('axe-core', () => {
  for (const { url } of builtPages()) {
    for (const colorScheme of ['light', 'dark'] as const) {
      it(`${url} (${colorScheme}) has zero violations`, async () => {
        // bypassCSP: axe is injected as an inline script, which the site's CSP rightly refuses
        // (csp.e2e.ts checks the pages under the policy).
        const { page, close } = await openPage(browser, baseUrl() + url, { colorScheme, bypassCSP: true });
        expect(await axeViolations(page)).toEqual([]);
        await close();
      });
    }
  }
});
