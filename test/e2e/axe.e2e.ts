/** axe-core over every built page, in light and dark, reports zero violations. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser } from 'playwright-core';
import { baseUrl, launch, openPage } from './browser';
import { builtPages } from '../site/pages';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
let browser: Browser;

beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser.close();
});

interface AxeViolation {
  id: string;
  help: string;
  nodes: { target: string[] }[];
}

describe('axe-core', () => {
  for (const { url } of builtPages()) {
    for (const colorScheme of ['light', 'dark'] as const) {
      it(`${url} (${colorScheme}) has zero violations`, async () => {
        // bypassCSP: axe is injected as an inline script, which the site's CSP rightly refuses
        // (csp.e2e.ts checks the pages under the policy).
        const { page, close } = await openPage(browser, baseUrl() + url, { colorScheme, bypassCSP: true });
        await page.addScriptTag({ content: axeSource });
        const violations = await page.evaluate(async () => {
          const axe = (window as unknown as { axe: { run(): Promise<{ violations: AxeViolation[] }> } }).axe;
          const r = await axe.run();
          return r.violations.map((v) => `${v.id}: ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
        });
        expect(violations).toEqual([]);
        await close();
      });
    }
  }
});
