/**
 * Driving runnable examples in Chromium. Every wait is a handshake on the island's own state
 * (data-phase, data-runs), never a fixed sleep. The parts that do not depend on the automation (which
 * examples are where, when a run counts and when to run again) serve the Firefox and WebKit suites
 * too (test/engines/).
 */
import type { Locator, Page } from 'playwright-core';
import { builtPages } from '../site/pages';

/** The article page that embeds an example (first one found in dist/). */
export function pageOf(id: string): string {
  const page = builtPages().find((p) => p.url.startsWith('/articles/') && p.html.includes(`data-example-id="${id}"`));
  if (!page) throw new Error(`no article embeds example ${id}`);
  return page.url;
}

/** All (page, example id) pairs on article pages and the challenges page. */
export function allExamples(): { url: string; id: string }[] {
  return builtPages()
    .filter((p) => p.url.startsWith('/articles/') || p.url === '/challenges/')
    .flatMap((p) => [...p.html.matchAll(/data-example-id="([^"]+)"/g)].map((m) => ({ url: p.url, id: m[1] ?? '' })));
}

/** Example ids by page, in page order (every-example runs each page's examples in one visit). */
export function examplesByPage(): Map<string, string[]> {
  const byPage = new Map<string, string[]>();
  for (const { url, id } of allExamples()) byPage.set(url, [...(byPage.get(url) ?? []), id]);
  return byPage;
}

export interface Verdict {
  ok: boolean;
  text: string;
}

/**
 * Runs an example as a reader would, and says whether it showed what it claims. A race demo needs its
 * threads on two cores at once; on a machine where other work holds a core, one run may see none. A
 * reader would press Run again; so does this, twice at most, and says so in the log. A demo that never
 * shows its point fails. An exercise ships failing on purpose and must say "not solved yet"; an
 * exercise whose starting code is a race can, like a race demo, miss its race on a busy machine and
 * finish right by luck, so it too runs again, twice at most; one that passes all three times is solved
 * as shipped, and fails.
 * @returns the last verdict, how many runs it took, and the failure to report (null when it passed)
 */
export async function runAsReader(id: string, exercise: boolean, run: () => Promise<Verdict>): Promise<{ verdict: Verdict; runs: number; failure: string | null }> {
  let verdict = await run();
  let runs = 1;
  // A demo wants ok; an exercise as shipped wants not ok.
  for (; verdict.ok === exercise && runs <= 2; runs++) {
    console.log(`${id}: run ${runs} did not show ${exercise ? 'that the exercise is unsolved' : 'its point'} (${verdict.text}); running it again`);
    verdict = await run();
  }
  const failure = verdict.ok === exercise ? `${id}: ${exercise ? 'exercise already passes: ' : ''}${verdict.text}` : null;
  return { verdict, runs, failure };
}

export function example(page: Page, id: string): Locator {
  return page.locator(`section[data-example-id="${id}"]`);
}

/** Scrolls the example into view and waits until its island has hydrated. */
export async function ready(page: Page, id: string): Promise<Locator> {
  const ex = example(page, id);
  await ex.scrollIntoViewIfNeeded();
  await ex.locator('.ex-runner[data-hydrated]').waitFor({ timeout: 30_000 });
  return ex;
}

/** Clicks Run and waits for that run (the n-th) to end; returns the verdict text. */
export async function runOnce(ex: Locator, timeout = 30_000): Promise<Verdict> {
  const runner = ex.locator('.ex-runner');
  const before = Number(await runner.getAttribute('data-runs'));
  await ex.locator('button.ex-run').click();
  await ex.locator(`.ex-runner[data-runs="${before + 1}"][data-phase="ended"]`).waitFor({ timeout });
  const verdict = ex.locator('.ex-live .ex-verdict');
  const cls = (await verdict.getAttribute('class')) ?? '';
  return { ok: cls.includes('ex-ok'), text: (await verdict.textContent()) ?? '' };
}

export async function liveWorkers(page: Page): Promise<number> {
  return page.evaluate(() => (globalThis as { interleaveHost?: { liveWorkers(): number } }).interleaveHost?.liveWorkers() ?? 0);
}
