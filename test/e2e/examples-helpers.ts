/**
 * Driving runnable examples in Chromium. Every wait is a handshake on the island's own state
 * (data-phase, data-runs), never a fixed sleep.
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
export async function runOnce(ex: Locator, timeout = 30_000): Promise<{ ok: boolean; text: string }> {
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
