/**
 * One challenge won in this engine, as in Chromium (test/e2e/challenges.e2e.ts): odd-one-out, solved
 * as the scheduler by keyboard (T1 loads and stores, T2 looks at an odd value and raises), marked
 * solved with its winning schedule and counted on the page, with the verification code the panel
 * offers; then Reset progress, so that the next test starts from nothing (WebKit's one WebDriver
 * session keeps localStorage between pages). Then that code, pasted into the verify box
 * (/challenges/#verify) of a fresh page, is replayed on this engine's workers to "Solved", and the
 * same code with one schedule character changed is refused as changed (test/e2e/verify-code.e2e.ts
 * covers the clipboard and every other refusal in Chromium).
 */
import { describe, expect, inject, it } from 'vitest';
import { openStepView, section, stepByKey, waitShowing } from './examples';
import { recordFigure } from './figures';
import { useEngine, type EnginePage } from './page';
import { parseVerificationCode } from '../../src/runtime/verify-code.ts';

const ID = 'challenges/odd-one-out';
const SEL = section(ID);

const engine = useEngine();
/** The code the won challenge offered (the first test), for the verify box (the second). */
let wonCode: string | null = null;

/** Pastes `code` into the verify box (the browser's own insertText, as a paste), presses Verify, waits for the next verdict. */
async function verifyInBox(page: EnginePage, code: string): Promise<{ status: string; text: string }> {
  const before = await page.evaluate(() => Number(document.querySelector('.verify')?.getAttribute('data-verdicts')));
  await page.click('#verify-code');
  await page.press('Control+a');
  const inserted = await page.evaluate((c: string) => document.execCommand('insertText', false, c), code);
  expect(inserted, 'the browser ran insertText in the code field').toBe(true);
  await page.waitFor('the field to hold the code', (c: string) => (document.querySelector('#verify-code') as HTMLInputElement | null)?.value === c, [code]);
  await page.click('.verify-form button[type="submit"]');
  await waitShowing(page, 'a verdict', (n: number) => Number(document.querySelector('.verify')?.getAttribute('data-verdicts')) > n, [before], '.verify-box', 60_000);
  return page.evaluate(() => ({ status: document.querySelector('.verify')?.getAttribute('data-verify-status') ?? '', text: (document.querySelector('#verify-result') as HTMLElement).innerText }));
}

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
    // The code to hand in: this challenge, its step parameters, the schedule just played.
    const code = await page.text(`${SEL} [data-verification-code]`);
    const claim = parseVerificationCode(code);
    expect(claim.ok && claim.claim.id, code).toBe(ID);
    expect(claim.ok && claim.claim.schedule.join(' '), code).toBe(schedule);
    wonCode = code;
    await page.click('challenge-progress button[data-reset]');
    await page.waitFor('progress reset', (n: number) => document.querySelector('.challenge-count')?.textContent === `0 of ${n} solved`, [total]);
    expect(await page.errors()).toEqual([]);
    recordFigure('challenge', `${ID} won with schedule ${schedule}: "${verdict.split('\n')[0]}"; counted 1 of ${total} solved; code ${code}`);
    await page.close();
  });

  it('the code the win offered, pasted into the verify box, replays to "Solved"; one changed character is refused', async () => {
    expect(wonCode, 'the first test won the challenge and read its code').not.toBeNull();
    const code = wonCode as string;
    const page = await engine.newPage();
    await page.goto(inject('baseUrl') + '/challenges/#verify');
    // The box hydrates when it comes into view.
    await page.evaluate(() => document.getElementById('verify')?.scrollIntoView({ block: 'start', behavior: 'instant' }));
    await page.waitFor('the verify box to hydrate', () => document.querySelector('.verify[data-hydrated]') !== null, []);
    const ok = await verifyInBox(page, code);
    expect(ok.status, ok.text).toBe('solved');
    expect(ok.text).toMatch(/^Challenge \d+: Solved: the schedule wins "[^"]+" in 5 steps\./);
    await waitShowing(page, 'the replay in the step view, won', () => document.querySelector('.verify-replay .ex-step [data-step-verdict="ok"]') !== null, [], '.verify-replay');
    expect(await page.text('.verify-replay [data-schedule]')).toBe('1 1 2 1 1');
    // One character of the schedule changed: the check catches it before anything is replayed.
    const parts = code.split('-');
    const tampered = [...parts.slice(0, 3), (parts[3] as string).replace(/^1x2/, '1x3'), parts[4]].join('-');
    expect(tampered).not.toBe(code);
    const bad = await verifyInBox(page, tampered);
    expect(bad.status).toBe('rejected');
    expect(bad.text).toMatch(/^Not verified: This code's check does not match the rest of it: a character was changed or mistyped/);
    expect(await page.evaluate(() => document.querySelector('.verify-replay') === null)).toBe(true);
    expect(await page.errors()).toEqual([]);
    recordFigure('challenge', `its code replayed in the verify box: "${ok.text.split('\n')[0]}"; one changed character: "${bad.text.split('\n')[0]}"`);
    await page.close();
  });
});
