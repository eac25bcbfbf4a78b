/**
 * One challenge won in this engine, as in Chromium (test/e2e/challenges.e2e.ts): odd-one-out, solved
 * as the scheduler by keyboard (T1 loads and stores, T2 looks at an odd value and raises), marked
 * solved with its winning schedule and counted on the page; then Reset progress, so that the next
 * test starts from nothing (WebKit's one WebDriver session keeps localStorage between pages).
 */
import { describe, expect, inject, it } from 'vitest';
import { openStepView, section, stepByKey, waitShowing } from './examples';
import { recordFigure } from './figures';
import { useEngine } from './page';

const ID = 'challenges/odd-one-out';
const SEL = section(ID);

const engine = useEngine();

describe(`a challenge (${inject('engine')})`, () => {
  it('odd-one-out is won by keyboard: solved, with its schedule, and counted; Reset progress forgets it', async () => {
    const page = await engine.newPage();
    await page.goto(inject('baseUrl') + '/challenges/');
    const total = await page.evaluate(() => document.querySelectorAll('section[data-challenge]').length);
    expect(total).toBeGreaterThanOrEqual(6);
    expect(await page.text('.challenge-count')).toBe(`0 of ${total} solved`);
    await openStepView(page, ID);
    await page.waitFor('focus on a thread button', () => document.activeElement?.closest('.ex-step-thread') !== null, []);
    const keys = ['1', '1', '2'];
    for (let i = 0; ; i++) {
      const status = await page.evaluate((s: string) => document.querySelector(`${s} .ex-step`)?.getAttribute('data-step-status'), SEL);
      if (status === 'ended') break;
      expect(i, 'the run should end within a few steps').toBeLessThan(10);
      await stepByKey(page, ID, keys[i] ?? '1', i + 1);
    }
    const verdict = await page.text(`${SEL} [data-step-verdict]`);
    expect(await page.evaluate((s: string) => document.querySelector(`${s} [data-step-verdict]`)?.getAttribute('data-step-verdict'), SEL), verdict).toBe('ok');
    expect(verdict).toMatch(/Challenge solved: raised as intended: AssertionError: x is odd \(1\)/);
    const schedule = await page.text(`${SEL} [data-schedule]`);
    expect(schedule).toBe('1 1 2 1 1');
    await waitShowing(page, 'the challenge marked solved', (s: string) => document.querySelector(`${s} .ch-panel[data-challenge-solved]`) !== null, [SEL], `${SEL} .ch-panel`);
    expect(await page.text(`${SEL} [data-winning-schedule]`)).toBe(schedule);
    expect(await page.text('.challenge-count')).toBe(`1 of ${total} solved`);
    expect(await page.text(`[data-mark="${ID}"]`)).toBe('(solved)');
    await page.click('challenge-progress button[data-reset]');
    await page.waitFor('progress reset', (n: number) => document.querySelector('.challenge-count')?.textContent === `0 of ${n} solved`, [total]);
    expect(await page.errors()).toEqual([]);
    recordFigure('challenge', `${ID} won with schedule ${schedule}: "${verdict.split('\n')[0]}"; counted 1 of ${total} solved`);
    await page.close();
  });
});
