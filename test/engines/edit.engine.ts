/**
 * Edit in this engine: the in-page compiler (esbuild-wasm, loaded on first Edit) compiles the
 * reader's program and Run runs it; an exception thrown in a thread is shown with its thread's name,
 * its message and the TypeScript line it came from (the worker maps the engine's stack through the
 * edit's inline source map), while the other thread goes on. Reset restores the original.
 */
import { describe, expect, inject, it } from 'vitest';
import { pageOf } from '../e2e/examples-helpers';
import { printing, THROWING_THREAD } from '../e2e/edited-programs';
import { leftoverWorkers, ready, replaceEditorText, runOnce, runnerAttr, section } from './examples';
import { recordFigure } from './figures';
import { useEngine, type EnginePage } from './page';

const RACE = 'race-conditions/counter-race';
const SEL = section(RACE);

const engine = useEngine();

async function resetEdit(page: EnginePage): Promise<void> {
  await page.click(`${SEL} button.ex-reset`);
  await page.waitFor('the original code back', (s: string) => document.querySelector(`${s} .cm-content`) === null, [SEL]);
}

describe(`Edit, compile and run (${inject('engine')})`, () => {
  it('compiles an edit in the page with esbuild-wasm, and runs it', async () => {
    const page = await engine.newPage();
    await page.goto(inject('baseUrl') + pageOf(RACE));
    await ready(page, RACE);
    await replaceEditorText(page, RACE, printing('compiled here'));
    const v = await runOnce(page, RACE);
    expect(await page.evaluate((s: string) => document.querySelectorAll(`${s} .ex-compile-error`).length, SEL)).toBe(0);
    expect(await page.text(`${SEL} .ex-live .ex-output-text`)).toContain('compiled here');
    // The verdict judges the example's own statement (a lost update), which the edit no longer makes:
    // what counts is that it ran to the end.
    expect(v.text).toContain('Finished');
    const compileMs = await runnerAttr(page, RACE, 'data-compile-ms');
    // A syntax error names its line and column, and nothing runs.
    await replaceEditorText(page, RACE, 'export default function main() {\n  let x = ;\n}\n');
    const runsBefore = await runnerAttr(page, RACE, 'data-runs');
    await page.click(`${SEL} button.ex-run`);
    await page.waitFor('the compile error', (s: string) => document.querySelector(`${s} .ex-compile-error`) !== null, [SEL]);
    expect(await page.text(`${SEL} .ex-compile-error`)).toMatch(/Line 2, column 11/);
    expect(await runnerAttr(page, RACE, 'data-runs')).toBe(runsBefore);
    await resetEdit(page);
    expect(await page.errors()).toEqual([]);
    recordFigure('edit', `an edit compiled in the page in ${compileMs ?? '?'} ms (esbuild-wasm) and ran: "${v.text.split('.')[0]}"; a syntax error named Line 2, column 11`);
    await page.close();
  });

  it('an exception in a thread names the thread, the message and its TypeScript line; the other thread goes on', async () => {
    const page = await engine.newPage();
    await page.goto(inject('baseUrl') + pageOf(RACE));
    await ready(page, RACE);
    await replaceEditorText(page, RACE, THROWING_THREAD);
    await runOnce(page, RACE);
    await page.waitFor('a traceback', (s: string) => document.querySelector(`${s} .ex-traceback`) !== null, [SEL]);
    const tb = await page.text(`${SEL} .ex-traceback`);
    expect(tb).toContain('Bad');
    expect(tb).toContain('boom');
    // The TypeScript line of the throw, line 4 of the edited file, as Chromium shows it.
    expect(tb, tb).toMatch(/counter-race\.ts:4:\d+/);
    expect(await page.text(`${SEL} .ex-live .ex-output-text`)).toContain('other done');
    const left = await leftoverWorkers(page);
    expect(left.count, `workers left, by ${left.how}`).toBe(0);
    await resetEdit(page);
    recordFigure('traceback', `"${tb.split('\n').map((l) => l.trim()).filter(Boolean).slice(0, 3).join(' | ')}"`);
    await page.close();
  });
});
