/**
 * Step mode, a schedule link and Explore in this engine, on the unlocked counter
 * (race-conditions/counter-race, 2 threads x 2 increments): the reader as the scheduler by keyboard
 * steps to a lost update; a link carrying that schedule runs nothing until Replay, then ends at the
 * total the schedule implies; Explore counts every schedule. The same compiled example and the same
 * attributes as the Chromium suite (test/e2e/stepping.e2e.ts, explore-compare.e2e.ts).
 */
import { describe, expect, inject, it } from 'vitest';
import { pageOf } from '../e2e/examples-helpers';
import { hostWorkers, leftoverWorkers, openStepView, ready, section, stepByKey, waitShowing } from './examples';
import { recordFigure } from './figures';
import { useEngine, type EnginePage } from './page';

const RACE = 'race-conditions/counter-race';
const SEL = section(RACE);
// T1 and T2 both load 0 before either stores: one update is lost; then each finishes in turn.
// Four increments in all, one lost: the schedule implies a final total of 3.
const LOST = [1, 2, 1, 2, 1, 1, 2, 2];
const IMPLIED_TOTAL = '3';

const engine = useEngine();
let keyboardTrace: string[] = [];

const history = (page: EnginePage) =>
  page.evaluate((s: string) => [...document.querySelectorAll(`${s} .ex-step-history li`)].map((li) => (li as HTMLElement).innerText), SEL);

describe(`step mode and Explore (${inject('engine')})`, () => {
  it('steps the unlocked counter by keyboard to a lost update, and the expectation says so', async () => {
    const page = await engine.newPage();
    await page.goto(inject('baseUrl') + pageOf(RACE));
    await openStepView(page, RACE);
    // Focus lands on the first thread's button: everything from here is keys.
    await page.waitFor('focus on a thread button', () => document.activeElement?.closest('.ex-step-thread') !== null, []);
    for (let i = 0; i < LOST.length; i++) await stepByKey(page, RACE, String(LOST[i]), i + 1);
    await waitShowing(page, 'the stepped run to end', (s: string) => document.querySelector(`${s} .ex-step[data-step-status="ended"]`) !== null, [SEL], `${SEL} .ex-step`);
    const total = await page.text(`${SEL} [data-shared="total"]`);
    expect(total).toMatch(new RegExp(`^${IMPLIED_TOTAL}`));
    const verdict = await page.evaluate((s: string) => {
      const v = document.querySelector(`${s} [data-step-verdict]`) as HTMLElement | null;
      return { ok: v?.getAttribute('data-step-verdict'), text: v?.innerText ?? '' };
    }, SEL);
    expect(verdict.ok, verdict.text).toBe('ok'); // the example claims lost updates
    expect(verdict.text).toMatch(/lost/i);
    expect(await page.text(`${SEL} [data-schedule]`)).toBe(LOST.join(' '));
    keyboardTrace = await history(page);
    expect(keyboardTrace.filter((t) => /^T[12]: load total/.test(t)), keyboardTrace.join('\n')).toHaveLength(4);
    // Undo replays the prefix: one step back, the run is open again.
    await page.press('u');
    await page.waitFor('undo to reopen the run', (s: string, n: number) => document.querySelector(`${s} .ex-step[data-steps="${n}"][data-step-status="choosing"]`) !== null, [SEL, LOST.length - 1]);
    // Closing step mode ends its workers.
    await page.click(`${SEL} button.ex-step-close`);
    const left = await leftoverWorkers(page);
    expect(left.count, `workers left after closing step mode, by ${left.how}`).toBe(0);
    expect(await hostWorkers(page)).toBe(0);
    expect(await page.errors()).toEqual([]);
    recordFigure('step', `${LOST.length} keys (${LOST.join(' ')}) stepped the unlocked counter to total ${total.split(/\s/)[0]} of 4: "${verdict.text.split('\n')[0]}"`);
    await page.close();
  });

  it('a schedule link runs nothing until Replay, then ends at the total the schedule implies, with the same trace', async () => {
    const anchor = `ex-${RACE.replaceAll('/', '-')}`;
    const page = await engine.newPage();
    await page.goto(`${inject('baseUrl')}${pageOf(RACE)}?schedule=${LOST.join('.')}&params=n:2,threads:2#${anchor}`);
    await ready(page, RACE);
    expect(await page.text(`${SEL} button.ex-replay`)).toBe(`Replay this schedule (${LOST.length} steps)`);
    expect(await page.evaluate((s: string) => document.querySelectorAll(`${s} .ex-step`).length, SEL)).toBe(0);
    expect(await hostWorkers(page)).toBe(0);
    await page.click(`${SEL} button.ex-replay`);
    await waitShowing(page, 'the replay to end', (s: string) => document.querySelector(`${s} .ex-step[data-step-status="ended"]`) !== null, [SEL], `${SEL} .ex-runner`);
    expect(await page.text(`${SEL} [data-schedule]`)).toBe(LOST.join(' '));
    const total = await page.text(`${SEL} [data-shared="total"]`);
    expect(total).toMatch(new RegExp(`^${IMPLIED_TOTAL}`));
    if (keyboardTrace.length > 0) expect(await history(page)).toEqual(keyboardTrace);
    expect(await page.errors()).toEqual([]);
    recordFigure('replay', `?schedule=${LOST.join('.')} replayed ${LOST.length} steps to total ${total.split(/\s/)[0]} (the schedule implies ${IMPLIED_TOTAL})`);
    await page.close();
  });

  it("Explore counts every schedule of 2 threads x 2 increments: final total 2 (32), 3 (32), 4 (6)", async () => {
    const page = await engine.newPage();
    await page.goto(inject('baseUrl') + pageOf(RACE));
    const sel = await ready(page, RACE);
    await page.click(`${sel} button.ex-explore-open`);
    await waitShowing(page, 'Explore to finish', (s: string) => document.querySelector(`${s} .ex-explore[data-explore-status="done"]`) !== null, [sel], `${sel} .ex-runner`, 90_000);
    const histogram = await page.text(`${sel} [data-explore-histogram]`);
    expect(histogram).toBe('final total: 2 (32 schedules), 3 (32), 4 (6)');
    const summary = await page.text(`${sel} [data-explore-summary]`);
    expect(await page.errors()).toEqual([]);
    recordFigure('explore', `"${histogram}"; ${summary.split('\n')[0]}`);
    await page.close();
  });
});
