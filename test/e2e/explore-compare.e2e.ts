/**
 * Explore's side by side in real Chromium (issue 9, section 4): after exploring, "Compare with 20
 * real runs" runs the same module with the same step params on real Web Workers and shows a table,
 * possible (schedules) next to seen (runs). And Step on an edited example steps the edit (the reader
 * wins "by editing the code and stepping"): a lock added in the editor appears in the step
 * operations and Explore then finds only 4; a syntax error gives Run's line/column message and
 * leaves the page usable.
 * No assertion on how real runs distribute (that depends on the machine): only what they may be.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { baseUrl, launch, openPage } from './browser';
import { axeViolations } from './axe-run';
import { liveWorkers, pageOf, ready } from './examples-helpers';

const RACE = 'race-conditions/counter-race';
const N = 20;
// Forty real runs (twenty at the Run's size) on a loaded 2-core machine: well past the default 120 s.
const POSSIBLE = ['final total: 2', 'final total: 3', 'final total: 4'];
const raceSource = readFileSync(new URL(`../../content/examples/${RACE}.ts`, import.meta.url), 'utf8');

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser.close();
});

/** counter-race with every increment inside a Lock named "edit lock" (what a reader would write). */
function withLock(source: string): string {
  const edits: [string, string][] = [
    ['import { Thread,', 'import { Lock, Thread,'],
    ['export function increment(total: SharedInt, n: number): void {', 'export function increment(total: SharedInt, n: number, lock: Lock): void {'],
    ['    total.value += 1;\n', '    lock.acquire();\n    total.value += 1;\n    lock.release();\n'],
    ["  const total = counter('total', { expected: threads * n });\n", "  const total = counter('total', { expected: threads * n });\n  const lock = new Lock({ name: 'edit lock' });\n"],
    ['new Thread(increment, [total, n],', 'new Thread(increment, [total, n, lock],'],
  ];
  // Each edit must apply, or the test would step the original.
  return edits.reduce((text, [from, to]) => {
    expect(text.includes(from), from).toBe(true);
    return text.replace(from, to);
  }, source);
}

async function replaceEditorText(page: Page, ex: Locator, text: string): Promise<void> {
  const editor = ex.locator('.cm-content');
  await editor.click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.insertText(text);
}

describe('Explore, side by side with real runs', () => {
  it('Compare runs the example 20 times for real; the table shows possible and seen, within 2–4, axe clean', async () => {
    const { page, errors, close } = await openPage(browser, baseUrl() + pageOf(RACE), { bypassCSP: true });
    const ex = await ready(page, RACE);
    expect(await page.evaluate(() => performance.getEntriesByType('resource').some((r) => /explore-view|compare/.test(r.name)))).toBe(false);
    await ex.locator('button.ex-explore-open').click();
    await ex.locator('.ex-explore[data-explore-status="done"]').waitFor({ timeout: 60_000 });
    await ex.locator('button.ex-explore-compare').click();
    await ex.locator('.ex-compare[data-compare-status="done"]').waitFor({ timeout: 110_000 });
    expect(await ex.locator('.ex-compare').getAttribute('data-compare-runs')).toBe(String(N));

    const table = ex.locator('.ex-compare-table');
    expect(await table.locator('thead th').allInnerTexts()).toEqual(['Outcome', 'Possible (schedules)', 'Seen (real runs)']);
    const rows = await table.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => ({
      label: tr.getAttribute('data-outcome') ?? '',
      possible: tr.querySelector('[data-possible]')?.textContent ?? '',
      seen: Number(tr.querySelector('[data-seen]')?.textContent),
    })));
    // Explore's three outcomes, with their schedule counts, and no real run outside them.
    expect(rows.map((r) => r.label)).toEqual(POSSIBLE);
    expect(rows.map((r) => r.possible)).toEqual(['32', '32', '6']);
    expect(rows.reduce((a, r) => a + r.seen, 0)).toBe(N);
    expect(await table.locator('[data-seen-total]').innerText()).toBe(String(N));
    expect(await ex.locator('[data-compare-warning]').count()).toBe(0);
    expect(await ex.locator('[data-explore-side]').innerText()).toMatch(new RegExp(`^possible: 2–4; seen in ${N} real runs: `));
    // A second comparison at the Run's size, same metric: the distinct final totals it saw.
    await ex.locator('button.ex-explore-compare-large').click();
    await ex.locator('.ex-compare-large[data-compare-large="done"]').waitFor({ timeout: 110_000 });
    expect(await ex.locator('.ex-compare-large').innerText()).toMatch(new RegExp(`^At threads = \\d+, n = [\\d,]+, too many schedules to explore; seen in ${N} runs, \\d+ different outcomes?: final total [\\d,–]+\\.$`));
    // Real runs end their workers.
    await page.waitForFunction(() => (globalThis as { interleaveHost?: { liveWorkers(): number } }).interleaveHost?.liveWorkers() === 0 || !('interleaveHost' in globalThis));

    expect(await axeViolations(page, '.ex-explore')).toEqual([]);
    console.log(`${await ex.locator('[data-explore-side]').innerText()} | ${await ex.locator('.ex-compare-large').innerText()}`);
    expect(errors).toEqual([]);
    await close();
  }, 300_000);
});

describe('Step on edited code', () => {
  it('a syntax error gives the line and column and steps nothing; a lock added in the editor appears in the steps and the source column, and Explore explores the edit', async () => {
    const { page, errors, close } = await openPage(browser, baseUrl() + pageOf(RACE));
    const ex = await ready(page, RACE);
    await ex.locator('button.ex-edit').click();
    await ex.locator('.cm-content').waitFor();

    // A syntax error: Run's message (line, column), no step view, no worker, the page still usable.
    await replaceEditorText(page, ex, raceSource.replace('    total.value += 1;\n', '    total.value += ;\n'));
    const line = raceSource.split('\n').findIndex((l) => l === '    total.value += 1;') + 1;
    await ex.locator('button.ex-step-open').click();
    const err = ex.locator('.ex-compile-error');
    await err.waitFor({ timeout: 60_000 });
    // esbuild's column, 1-based as Run shows it: the ';' right after "+= ".
    expect(await err.innerText()).toContain(`Line ${line}, column ${'    total.value += ;'.indexOf(';') + 1}`);
    expect(await ex.locator('.ex-step').count()).toBe(0);
    expect(await liveWorkers(page)).toBe(0);
    expect(await ex.locator('button.ex-step-open').isEnabled()).toBe(true);

    // The fixed edit: every increment inside a lock. Step it.
    const edited = withLock(raceSource);
    await replaceEditorText(page, ex, edited);
    await ex.locator('button.ex-step-open').click();
    await ex.locator('.ex-step[data-step-status="choosing"]').waitFor({ timeout: 60_000 });
    expect(await ex.locator('.ex-compile-error').count()).toBe(0);
    const t1 = ex.locator('.ex-step-thread[data-thread="1"]');
    // T1's next operation is the lock the reader added, on the edited line of the edited source.
    expect(await t1.locator('.ex-step-pending').innerText()).toMatch(/acquire.*edit lock/);
    const acquireLine = edited.split('\n').findIndex((l) => l === '    lock.acquire();') + 1;
    const mark = t1.locator('mark');
    expect(await mark.getAttribute('data-line')).toBe(String(acquireLine));
    expect(await mark.innerText()).toContain('lock.acquire()');
    // Take it: the history says so, and the lock is held by T1.
    await t1.locator('button').click();
    await ex.locator('.ex-step[data-steps="1"]:not([aria-busy])').waitFor({ timeout: 30_000 });
    expect((await ex.locator('.ex-step-history li').allInnerTexts()).some((t) => /^T1: acquire.*edit lock/.test(t))).toBe(true);
    expect(await ex.locator('.ex-step-locks').innerText()).toMatch(/edit lock.*held by T1/);
    await ex.locator('button.ex-step-close').click();
    // Explore explores the edit too: with the lock, every schedule ends at 4 (the original: 2, 3 or 4).
    await ex.locator('button.ex-explore-open').click();
    await ex.locator('.ex-explore[data-explore-status="done"]').waitFor({ timeout: 60_000 });
    expect(await ex.locator('[data-explore-histogram]').innerText()).toMatch(/^final total: 4 \(\d+ schedules?\)$/);
    expect(await ex.locator('[data-explore-summary]').innerText()).toMatch(/no failing schedule among \d+/);
    expect(errors).toEqual([]);
    await close();
  }, 300_000);
});
