/**
 * Failures of the machinery are shown with their message, and nothing is left disabled: a page
 * chunk that does not load (the runtime host for Run, the step view for Step, the editor), the
 * worker script that does not load, the example's compiled module that does not load, and an
 * uncaught exception in a step run. Each failure is made real by answering the file's request with
 * a 404 (Playwright routes, in the page and its workers), as a broken deploy or a lost network would.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { baseUrl, launch, openPage } from './browser';
import { liveWorkers, pageOf, ready } from './examples-helpers';

const RACE = 'race-conditions/counter-race';
const OVERDRAW = 'challenges/overdraw';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser.close();
});

/** Every request whose path matches `re` gets a 404, from now on. */
async function notFound(page: Page, re: RegExp): Promise<string[]> {
  const hits: string[] = [];
  await page.context().route((u) => re.test(u.pathname), (route) => {
    hits.push(route.request().url());
    return route.fulfill({ status: 404, contentType: 'text/plain', body: 'not found' });
  });
  return hits;
}

describe('a part of the machinery that does not load', () => {
  it('the runtime host chunk: Run says so with the message, and the island returns to rest with its buttons enabled', async () => {
    const { page, close } = await openPage(browser, baseUrl() + pageOf(RACE));
    const hits = await notFound(page, /\/_astro\/browser-host[^/]*\.js$/);
    const ex = await ready(page, RACE);
    await ex.locator('button.ex-run').click();
    const failure = ex.locator('.ex-failure[role="alert"]');
    await failure.waitFor({ timeout: 30_000 });
    expect(hits.length, 'the host chunk was requested').toBeGreaterThan(0);
    expect(await failure.textContent()).toMatch(/^Not run: The runtime host did not load \(TypeError: .+\)\.$/);
    expect(await ex.locator('.ex-runner').getAttribute('data-phase')).toBe('idle');
    expect(await ex.locator('button.ex-run').isDisabled()).toBe(false);
    expect(await ex.locator('button.ex-step-open').isDisabled()).toBe(false);
    expect(await liveWorkers(page)).toBe(0);
    await close();
  });

  it('the step view chunk: Step says so, and the island stays usable', async () => {
    const { page, close } = await openPage(browser, baseUrl() + pageOf(RACE));
    await notFound(page, /\/_astro\/step-view[^/]*\.js$/);
    const ex = await ready(page, RACE);
    await ex.locator('button.ex-step-open').click();
    const failure = ex.locator('.ex-failure[role="alert"]');
    await failure.waitFor({ timeout: 30_000 });
    expect(await failure.textContent()).toMatch(/^Not stepped: The step view did not load \(TypeError: .+\)\.$/);
    expect(await ex.locator('.ex-step').count()).toBe(0);
    expect(await ex.locator('button.ex-run').isDisabled()).toBe(false);
    await close();
  });

  it('the worker script: the run ends with the error of the thread that could not start, naming the script', async () => {
    const { page, close } = await openPage(browser, baseUrl() + pageOf(RACE));
    await notFound(page, /\/_interleave\/worker\.js$/);
    const ex = await ready(page, RACE);
    await ex.locator('button.ex-run').click();
    await ex.locator('.ex-runner[data-phase="ended"]').waitFor({ timeout: 30_000 });
    const tb = await ex.locator('.ex-traceback').allTextContents();
    expect(tb.join('\n')).toMatch(/MainThread:\nthe worker could not start/);
    expect(await ex.locator('.ex-verdict').textContent()).toMatch(/Finished with an uncaught exception in MainThread: the worker could not start/);
    expect(await liveWorkers(page)).toBe(0);
    await close();
  });

  it("the example's compiled module: an ImportError that names its URL", async () => {
    const { page, close } = await openPage(browser, baseUrl() + pageOf(RACE));
    await notFound(page, /\/_interleave\/examples\/race-conditions\/counter-race\.js$/);
    const ex = await ready(page, RACE);
    await ex.locator('button.ex-run').click();
    await ex.locator('.ex-runner[data-phase="ended"]').waitFor({ timeout: 30_000 });
    const tb = (await ex.locator('.ex-traceback').allTextContents()).join('\n');
    expect(tb).toMatch(/^Exception in thread MainThread:\nImportError: the example's compiled module did not load \(http:\/\/[^)]+\/_interleave\/examples\/race-conditions\/counter-race\.js\): /);
    await close();
  });
});

describe('an uncaught exception in a step run', () => {
  it('is shown with its message and traceback at the TypeScript line, not as a count', async () => {
    const { page, errors, close } = await openPage(browser, baseUrl() + '/challenges/');
    const ex = await ready(page, OVERDRAW);
    await ex.locator('button.ex-step-open').click();
    const view = ex.locator('.ex-step[data-step-status="choosing"]');
    await view.waitFor({ timeout: 30_000 });
    // Both customers check before either withdraws: T1 T2 T1 T2.
    for (const [i, key] of ['1', '2', '1', '2'].entries()) {
      await page.keyboard.press(key);
      await ex.locator(`.ex-step[data-steps="${i + 1}"]:not([aria-busy])`).waitFor({ timeout: 30_000 });
    }
    await ex.locator('.ex-step[data-step-status="ended"]').waitFor({ timeout: 30_000 });
    const end = ex.locator('.ex-step-end');
    expect(await end.locator('.ex-traceback').textContent()).toBe(
      'Exception in thread T2:\nTraceback (most recent call first):\n    at customer (challenges/overdraw.ts:48:5)\nAssertionError: the balance went to -100: two withdrawals passed one check',
    );
    expect(await end.locator('.ex-verdict').textContent()).toMatch(/^Finished with an uncaught exception in T2: AssertionError: the balance went to -100/);
    expect(errors).toEqual([]);
    await close();
  });
});
