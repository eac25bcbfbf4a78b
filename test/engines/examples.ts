/**
 * Driving runnable examples through the cross-engine page driver (page.ts): the same handshakes as
 * the Chromium helpers (test/e2e/examples-helpers.ts), on the island's own attributes (data-hydrated,
 * data-runs, data-phase), polled, never a fixed sleep.
 */
import { expect } from 'vitest';
import type { Verdict } from '../e2e/examples-helpers';
import type { EnginePage } from './page';

export const section = (id: string) => `section[data-example-id="${id}"]`;

/** Scrolls the example into view (its island hydrates when visible) and waits until it has hydrated. */
export async function ready(page: EnginePage, id: string): Promise<string> {
  const sel = section(id);
  await page.waitFor(`${id} on the page`, (s: string) => document.querySelector(s) !== null, [sel]);
  await page.evaluate((s: string) => document.querySelector(s)?.scrollIntoView({ block: 'center', behavior: 'instant' }), sel);
  await page.waitFor(`${id} to hydrate`, (s: string) => document.querySelector(`${s} .ex-runner[data-hydrated]`) !== null, [sel]);
  return sel;
}

/** The runner's attribute (data-runs, data-phase, ...). */
export const runnerAttr = (page: EnginePage, id: string, name: string) =>
  page.evaluate((s: string, n: string) => document.querySelector(`${s} .ex-runner`)?.getAttribute(n) ?? null, section(id), name);

/** Clicks Run and waits for that run (the n-th) to end; returns the verdict. */
export async function runOnce(page: EnginePage, id: string, timeoutMs = 60_000): Promise<Verdict> {
  const sel = section(id);
  const before = Number(await runnerAttr(page, id, 'data-runs'));
  await page.click(`${sel} button.ex-run`);
  await waitShowing(
    page,
    `run ${before + 1} of ${id} to end`,
    (s: string, n: number) => document.querySelector(`${s} .ex-runner[data-runs="${n}"][data-phase="ended"]`) !== null,
    [sel, before + 1],
    `${sel} .ex-runner`,
    timeoutMs,
  );
  return verdictOf(page, id);
}

export function verdictOf(page: EnginePage, id: string): Promise<Verdict> {
  return page.evaluate((s: string) => {
    const v = document.querySelector(`${s} .ex-live .ex-verdict`);
    return { ok: v?.classList.contains('ex-ok') ?? false, text: v?.textContent ?? '(no verdict shown)' };
  }, section(id));
}

/** The host's own count of this page's workers (0 between runs), as the page reports it. */
export const hostWorkers = (page: EnginePage) =>
  page.evaluate(() => (globalThis as { interleaveHost?: { liveWorkers(): number } }).interleaveHost?.liveWorkers() ?? 0);

/**
 * Run workers left alive, counted as well as this engine's automation can: the browser's own list
 * (Firefox, over BiDi) of workers that run examples (/_interleave/ scripts, or an edit's blob: module
 * through the same worker script), waiting up to `settleMs` for terminated ones to go; where the
 * automation lists no workers (WebKit), the host's own count, and the label says which it is.
 */
export async function leftoverWorkers(page: EnginePage, settleMs = 5000): Promise<{ count: number; how: string }> {
  const listed = await page.browserWorkers();
  if (listed === null) return { count: await hostWorkers(page), how: "the host's own count (this automation cannot list workers)" };
  const runWorkers = async () => ((await page.browserWorkers()) ?? []).filter((u) => u.includes('/_interleave/'));
  const deadline = Date.now() + settleMs;
  let left = await runWorkers();
  while (left.length > 0 && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 100));
    left = await runWorkers();
  }
  return { count: left.length, how: 'the browser\'s own list (BiDi script realms)' };
}

/**
 * waitFor, and on a timeout the error also quotes what the element at `shown` says (a step view that
 * ended at once with an exception says why; the test failure should too).
 */
export async function waitShowing<A extends unknown[]>(page: EnginePage, what: string, fn: (...args: A) => unknown, args: A, shown: string, timeoutMs = 30_000): Promise<void> {
  try {
    await page.waitFor(what, fn, args, timeoutMs);
  } catch (e) {
    const says = await page.evaluate((s: string) => (document.querySelector(s) as HTMLElement | null)?.innerText ?? '(nothing there)', shown).catch(() => '(unreadable)');
    throw new Error(`${e instanceof Error ? e.message : String(e)}\n${shown} says:\n${says.slice(0, 2000)}`);
  }
}

/** Opens step mode on an example and waits until the reader can choose a thread. */
export async function openStepView(page: EnginePage, id: string): Promise<void> {
  const sel = await ready(page, id);
  await page.click(`${sel} button.ex-step-open`);
  await waitShowing(page, `${id}: step mode ready to choose`, (s: string) => document.querySelector(`${s} .ex-step[data-step-status="choosing"]`) !== null, [sel], `${sel} .ex-runner`);
}

/** Presses one key in the step view and waits for step `n` to have settled. */
export async function stepByKey(page: EnginePage, id: string, key: string, n: number): Promise<void> {
  const sel = section(id);
  await page.press(key);
  await waitShowing(page, `${id}: step ${n} settled`, (s: string, k: number) => document.querySelector(`${s} .ex-step[data-steps="${k}"]:not([aria-busy])`) !== null, [sel, n], `${sel} .ex-step`);
}

/**
 * Opens the editor on an example and replaces its text as a paste would: Ctrl+A (the editor's own
 * select-all key), then the browser's own insertText editing command on the focused editor, which
 * CodeMirror reads like typed input. Typing key by key would go through the editor's auto-indent and
 * bracket handling and change the program.
 */
export async function replaceEditorText(page: EnginePage, id: string, text: string): Promise<void> {
  const sel = section(id);
  const editing = await page.evaluate((s: string) => document.querySelector(`${s} .cm-content`) !== null, sel);
  if (!editing) {
    await page.click(`${sel} button.ex-edit`);
    await page.waitFor('the editor to open', (s: string) => document.querySelector(`${s} .cm-content`) !== null, [sel]);
  }
  await page.click(`${sel} .cm-content`);
  await page.press('Control+a');
  const inserted = await page.evaluate((t: string) => document.execCommand('insertText', false, t), text);
  expect(inserted, 'the browser ran insertText in the editor').toBe(true);
  await page.waitFor('the editor to hold the new text', (s: string, first: string) => (document.querySelector(`${s} .cm-content`) as HTMLElement | null)?.innerText.includes(first) ?? false, [sel, text.split('\n')[0] ?? '']);
}
