/**
 * Verification codes in the browser (docs/challenges.md): a student wins a challenge by replaying a
 * step link, copies the code the panel offers, and an instructor pastes it into the verify box
 * (/challenges/#verify) and sees it replayed to the win on real Web Workers, "Solved". A code with
 * one character of its schedule changed, or its check changed, is refused as changed; a well-formed
 * code whose schedule loses is replayed and refused as "does not win". Under the site's strict CSP,
 * with a clean console; the box is keyboard driven, its targets 44 px, and axe clean with a verdict.
 * Every wait is on the page's own attributes, never a sleep.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { baseUrl, launch, openPage } from './browser';
import { watchCsp } from './csp-watch';
import { axeViolations } from './axe-run';
import { ready } from './examples-helpers';
import { encodeVerificationCode } from '../../src/runtime/verification-code.ts';
import { parseSchedule } from '../../src/runtime/schedule.ts';

const ID = 'challenges/total-two';
// T1 loads 0, T2 adds 1 and loads 1, T1 stores 1 and adds 1 (total 2), T2 stores 2: a total of 2.
const LINK = '/challenges/?schedule=1.2.2.2.1.1.1.2&params=n:2#ex-challenges-total-two';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser.close();
});

/** Types the code into the verify box by keyboard, presses Enter, waits for the verdict (its count goes up). */
async function verify(page: Page, code: string): Promise<{ status: string; text: string }> {
  const box = page.locator('.verify');
  const before = Number(await box.getAttribute('data-verdicts'));
  await page.locator('#verify-code').focus();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(code);
  await page.keyboard.press('Enter');
  await page.locator(`.verify[data-verdicts="${before + 1}"]`).waitFor({ timeout: 60_000 });
  return { status: (await box.getAttribute('data-verify-status')) ?? '', text: await page.locator('#verify-result').innerText() };
}

describe('verification codes on the challenges page', () => {
  it('win by a step link, copy the code, verify it: replayed to "Solved"; a changed code and a losing one are refused with the reason', async () => {
    const context = await browser.newContext();
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseUrl() });
    const csp = await watchCsp(context);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(baseUrl() + LINK, { waitUntil: 'networkidle' });

    // The student: replay the link's schedule, which wins; the panel offers the code.
    const ex = await ready(page, ID);
    await ex.locator('button.ex-replay').click();
    await ex.locator('.ex-step[data-step-status="ended"]').waitFor({ timeout: 60_000 });
    expect(await ex.locator('[data-step-verdict]').getAttribute('data-step-verdict')).toBe('ok');
    const shown = ex.locator('[data-verification-code]');
    await shown.waitFor({ timeout: 10_000 });
    const code = await shown.innerText();
    expect(code).toBe(encodeVerificationCode({ id: ID, params: { n: 2 }, schedule: parseSchedule('1 2 2 2 1 1 1 2') }));
    expect(await ex.locator('.ch-code-note').innerText()).toMatch(/not who found it/);
    await ex.locator('button.ch-copy-code').click();
    await ex.locator('.ex-notice', { hasText: 'Verification code copied' }).waitFor();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toBe(code);

    // The instructor: paste it into the verify box; the page replays it in the step view.
    await page.locator('#verify').scrollIntoViewIfNeeded();
    await page.locator('.verify[data-hydrated]').waitFor({ timeout: 30_000 });
    const ok = await verify(page, copied);
    expect(ok.status).toBe('solved');
    expect(ok.text).toMatch(/^Challenge \d+: Solved: the schedule wins "Four increments, a total of 2" in 8 steps\. Finished\. total = 2, as wanted\./);
    const replay = page.locator('.verify-replay .ex-step');
    await replay.locator('[data-step-verdict="ok"]').waitFor({ timeout: 30_000 });
    expect(await replay.getAttribute('data-steps')).toBe('8');
    expect(await replay.locator('[data-schedule]').innerText()).toBe('1 2 2 2 1 1 1 2');
    expect(await replay.locator('[data-shared="total"]').innerText()).toMatch(/^2/);
    // The keyboard stayed on the form; the verdict is in the polite live region.
    expect(await page.evaluate(() => document.activeElement?.closest('.verify-form') !== null)).toBe(true);
    expect(await page.locator('#verify-result').getAttribute('aria-live')).toBe('polite');

    // One character of the schedule changed ("2x3" → "2x2"), then the check changed: refused as changed.
    const parts = copied.split('-');
    const tampered = [...parts.slice(0, 3), (parts[3] as string).replace('2x3', '2x2'), parts[4]].join('-');
    expect(tampered).not.toBe(copied);
    const t = await verify(page, tampered);
    expect(t.status).toBe('rejected');
    expect(t.text).toMatch(/^Not verified: This code's check does not match the rest of it: a character was changed or mistyped/);
    expect(await page.locator('.verify-replay').count()).toBe(0);
    expect(await page.locator('#verify-code').getAttribute('aria-invalid')).toBe('true');
    const check = parts[4] as string;
    const badCheck = [...parts.slice(0, 4), (check[0] === 'Z' ? 'Y' : 'Z') + check.slice(1)].join('-');
    const c = await verify(page, badCheck);
    expect(c.status).toBe('rejected');
    expect(c.text).toMatch(/check does not match/);

    // Well formed, for the right challenge, but the schedule loses (T1 twice, then T2 twice: total 4).
    const losing = encodeVerificationCode({ id: ID, params: { n: 2 }, schedule: parseSchedule('1 1 1 1 2 2 2 2') });
    const l = await verify(page, losing);
    expect(l.status).toBe('not-won');
    expect(l.text).toMatch(/^Challenge \d+: Does not win: Finished\. total = 4, not 2\./);
    await page.locator('.verify-replay [data-step-verdict="bad"]').waitFor({ timeout: 30_000 });

    // Not a code at all, and another version.
    expect((await verify(page, '1 2 2 2 1 1 1 2')).text).toMatch(/not a verification code: codes start with IL1-/);
    expect((await verify(page, copied.replace(/^IL1/, 'IL7'))).text).toMatch(/version 7; this site reads version 1/);

    // 44 px targets.
    for (const sel of ['#verify-code', '.verify-form button[type="submit"]', 'button.ch-copy-code']) {
      const h = await page.locator(sel).first().evaluate((el) => el.getBoundingClientRect().height);
      expect(h, sel).toBeGreaterThanOrEqual(44);
    }
    expect(await csp.violations()).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('is labelled and axe clean: the panel with its code, the box with a verdict and the replay', async () => {
    // axe is injected as an inline script, which the site's CSP rightly refuses (the test above runs under it).
    const { page, errors, close } = await openPage(browser, baseUrl() + LINK, { bypassCSP: true });
    const ex = await ready(page, ID);
    await ex.locator('button.ex-replay').click();
    await ex.locator('[data-verification-code]').waitFor({ timeout: 60_000 });
    expect(await axeViolations(page, `section[data-example-id="${ID}"] .ch-panel`)).toEqual([]);
    await page.locator('#verify').scrollIntoViewIfNeeded();
    await page.locator('.verify[data-hydrated]').waitFor({ timeout: 30_000 });
    expect(await page.locator('h2#verify').innerText()).toMatch(/^Verify a solution/);
    expect(await page.locator('label[for="verify-code"]').innerText()).toBe('Verification code');
    const code = encodeVerificationCode({ id: ID, params: { n: 2 }, schedule: parseSchedule('1 2 2 2 1 1 1 2') });
    expect((await verify(page, code)).status).toBe('solved');
    await page.locator('.verify-replay [data-step-verdict="ok"]').waitFor({ timeout: 30_000 });
    expect(await axeViolations(page, '.verify-box')).toEqual([]);
    expect(errors).toEqual([]);
    await close();
  });
});
