/**
 * Step mode in real Chromium (issue 9, section 2): the reader as the scheduler, by keyboard and by
 * clicking, on the same compiled examples Run uses; schedule links that run nothing until Replay;
 * axe over the step view. Every wait is a handshake on the view's own attributes (data-steps,
 * data-step-status), never a fixed sleep.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { baseUrl, launch, openPage } from './browser';
import { axeViolations } from './axe-run';
import { liveWorkers, pageOf, ready } from './examples-helpers';

const RACE = 'race-conditions/counter-race';
const DEADLOCK = 'deadlocks/opposite-order';
// T1 and T2 both load 0 before either stores: one update is lost; then each finishes in turn.
const LOST = [1, 2, 1, 2, 1, 1, 2, 2];

let browser: Browser;
let keyboardTrace: string[] = [];

beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser.close();
});

async function openStepView(page: Page, id: string): Promise<Locator> {
  const ex = await ready(page, id);
  expect(await page.evaluate(() => performance.getEntriesByType('resource').some((r) => r.name.includes('step-view')))).toBe(false);
  await ex.locator('button.ex-step-open').click();
  await ex.locator('.ex-step[data-step-status="choosing"]').waitFor({ timeout: 30_000 });
  return ex;
}

const history = (ex: Locator) => ex.locator('.ex-step-history li').allInnerTexts();

describe('step mode', () => {
  it('steps the unlocked counter by keyboard to a lost update, and the expectation says so', async () => {
    const { page, errors, close } = await openPage(browser, baseUrl() + pageOf(RACE));
    const ex = await openStepView(page, RACE);
    // Focus lands on the first thread's button: everything from here is keys.
    await page.waitForFunction(() => document.activeElement?.closest('.ex-step-thread') !== null, undefined, { timeout: 20_000 });
    const timings: number[] = [];
    for (let i = 0; i < LOST.length; i++) {
      await page.keyboard.press(String(LOST[i]));
      await ex.locator(`.ex-step[data-steps="${i + 1}"]:not([aria-busy])`).waitFor({ timeout: 30_000 });
      timings.push(Number(await ex.locator('.ex-step').getAttribute('data-last-step-ms')));
    }
    await ex.locator('.ex-step[data-step-status="ended"]').waitFor({ timeout: 30_000 });
    expect(await ex.locator('[data-shared="total"]').innerText()).toMatch(/^3/);
    const verdict = ex.locator('[data-step-verdict]');
    expect(await verdict.getAttribute('data-step-verdict')).toBe('ok'); // the example claims lost updates
    expect(await verdict.innerText()).toMatch(/lost/i);
    expect(await ex.locator('[data-schedule]').innerText()).toBe(LOST.join(' '));
    // The live region announced the ending.
    expect(await ex.locator('.ex-step [role="status"]').innerText()).toMatch(/ended/);
    keyboardTrace = await history(ex);
    expect(keyboardTrace.filter((t) => /^T[12]: load total/.test(t)), keyboardTrace.join("\n")).toHaveLength(4);
    // Undo replays the prefix: one step back, the run is open again.
    await page.keyboard.press('u');
    await ex.locator(`.ex-step[data-steps="${LOST.length - 1}"][data-step-status="choosing"]`).waitFor({ timeout: 30_000 });
    expect(timings.every((t) => Number.isFinite(t) && t > 0)).toBe(true);
    // Closing step mode ends its workers.
    await ex.locator('button.ex-step-close').click();
    await page.waitForFunction(() => (globalThis as { interleaveHost?: { liveWorkers(): number } }).interleaveHost?.liveWorkers() === 0 || !('interleaveHost' in globalThis));
    expect(errors).toEqual([]);
    await close();
  });

  it('deadlocks the opposite-order locks by clicking, and shows the cycle; blocked threads cannot be clicked', async () => {
    const { page, errors, close } = await openPage(browser, baseUrl() + pageOf(DEADLOCK));
    const ex = await openStepView(page, DEADLOCK);
    const button = (n: number) => ex.locator(`.ex-step-thread[data-thread="${n}"] button`);
    // T1 takes its first lock, T2 its first lock (the opposite one).
    for (const [i, n] of [1, 2].entries()) {
      await button(n).click();
      await ex.locator(`.ex-step[data-steps="${i + 1}"]:not([aria-busy])`).waitFor({ timeout: 30_000 });
    }
    // From here either thread's next acquire would block: the run ends as a deadlock by itself,
    // or, if the example does something else first, the threads go on until it does.
    for (let guard = 0; guard < 10; guard++) {
      if ((await ex.locator('.ex-step').getAttribute('data-step-status')) === 'ended') break;
      const enabled = ex.locator('.ex-step-thread button:not([disabled])').first();
      const steps = Number(await ex.locator('.ex-step').getAttribute('data-steps'));
      await enabled.click();
      await ex.locator(`.ex-step[data-steps="${steps + 1}"]:not([aria-busy])`).waitFor({ timeout: 30_000 });
    }
    await ex.locator('.ex-step[data-step-status="ended"]').waitFor({ timeout: 30_000 });
    expect(await ex.locator('.ex-step .ex-deadlock').innerText()).toMatch(/holds .* waits for/s);
    expect(await ex.locator('.ex-step-thread button:not([disabled])').count()).toBe(0);
    expect(errors).toEqual([]);
    await close();
  });

  it('a schedule link runs nothing until Replay, then shows the same trace', async () => {
    const anchor = `ex-${RACE.replaceAll('/', '-')}`;
    const url = `${baseUrl()}${pageOf(RACE)}?schedule=${LOST.join('.')}&params=n:2,threads:2#${anchor}`;
    const { page, errors, close } = await openPage(browser, url);
    const ex = await ready(page, RACE);
    const replay = ex.locator('button.ex-replay');
    expect(await replay.innerText()).toBe(`Replay this schedule (${LOST.length} steps)`);
    expect(await ex.locator('.ex-step').count()).toBe(0);
    expect(await liveWorkers(page)).toBe(0);
    expect(await page.evaluate(() => performance.getEntriesByType('resource').some((r) => r.name.includes('step-view')))).toBe(false);
    await replay.click();
    await ex.locator('.ex-step[data-step-status="ended"]').waitFor({ timeout: 30_000 });
    expect(await ex.locator('[data-schedule]').innerText()).toBe(LOST.join(' '));
    if (keyboardTrace.length > 0) expect(await history(ex)).toEqual(keyboardTrace);
    expect(errors).toEqual([]);
    await close();
  });

  it('the step view is axe clean and no keyboard trap: Tab leaves it', async () => {
    // axe is injected as an inline script, which the site's CSP rightly refuses.
    const { page, close } = await openPage(browser, baseUrl() + pageOf(RACE), { bypassCSP: true });
    const ex = await openStepView(page, RACE);
    await page.keyboard.press('1');
    await ex.locator('.ex-step[data-steps="1"]:not([aria-busy])').waitFor({ timeout: 30_000 });
    expect(await axeViolations(page, '.ex-step')).toEqual([]);
    // Tab through the view: focus reaches something after it.
    let left = false;
    for (let i = 0; i < 40 && !left; i++) {
      await page.keyboard.press('Tab');
      left = await page.evaluate(() => document.activeElement !== null && document.activeElement.closest('.ex-step') === null);
    }
    expect(left).toBe(true);
    await close();
  });
});
