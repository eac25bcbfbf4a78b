/**
 * axe-core in a test page: injected once per page (as an inline script, so the page must be opened
 * with `bypassCSP: true` where the site's CSP applies; csp.e2e.ts checks the pages under the policy),
 * run on the whole page or on one part of it, and its violations returned as readable lines.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface AxeViolation {
  id: string;
  help: string;
  nodes: { target: string[] }[];
}

/** axe's violations on `page` (or inside the elements matching `context`), one line each. */
export async function axeViolations(page: Page, context?: string): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: axeSource });
  return page.evaluate(async (ctx) => {
    const axe = (window as unknown as { axe: { run(ctx?: string): Promise<{ violations: AxeViolation[] }> } }).axe;
    const r = ctx === null ? await axe.run() : await axe.run(ctx);
    return r.violations.map((v) => `${v.id}: ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  }, context ?? null);
}
