/**
 * An embed inside a course page (an LMS) that is served from another origin with no isolation
 * headers: Document-Isolation-Policy on /embed/ isolates the frame anyway (Chromium 137+), so the
 * counter example runs there and shows the race. Without the site's headers, the frame explains why
 * it cannot run and offers "Open in a new tab".
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Frame } from 'playwright-core';
import { baseUrl, launch, plainUrl } from './browser';
import { watchCsp } from './csp-watch';
import { runOnce } from './examples-helpers';
import { startLmsPage } from './lms-page';

const RACE = 'race-conditions/counter-race';

let browser: Browser;
let lms: Awaited<ReturnType<typeof startLmsPage>>;

beforeAll(async () => {
  browser = await launch();
  lms = await startLmsPage();
});
afterAll(async () => {
  await browser.close();
  await lms.close();
});

async function framed(site: string) {
  const context = await browser.newContext();
  const csp = await watchCsp(context);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const src = `${site}/embed/${RACE}/`;
  await page.goto(lms.pageFraming(src), { waitUntil: 'load' });
  // The runner hydrates when it comes into view (client:visible sees the top page's viewport).
  const section = page.frameLocator('iframe').locator(`section[data-example-id="${RACE}"]`);
  await section.scrollIntoViewIfNeeded();
  await section.locator('.ex-runner[data-hydrated]').waitFor({ timeout: 30_000 });
  const frame = page.frames().find((f) => f.url() === src) as Frame;
  expect(frame, `a frame at ${src}`).toBeDefined();
  return { context, csp, page, frame, errors };
}

describe('an embed in a non-isolated page of another origin', () => {
  it('is cross-origin isolated by Document-Isolation-Policy, and Run shows the race', async () => {
    const { context, csp, page, frame, errors } = await framed(baseUrl());
    expect(new URL(page.url()).origin).not.toBe(new URL(frame.url()).origin);
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(false);
    expect(await frame.evaluate(() => crossOriginIsolated && typeof SharedArrayBuffer === 'function')).toBe(true);

    const ex = page.frameLocator('iframe').locator(`section[data-example-id="${RACE}"]`);
    expect(await ex.locator('.ex-notice').count(), 'no "cannot run" notice').toBe(0);
    // The race is real, so a run may (rarely) lose nothing; three runs make a miss negligible.
    const verdicts = [];
    for (let i = 0; i < 3; i++) {
      const v = await runOnce(ex);
      verdicts.push(v.text);
      if (v.ok) break;
    }
    const lastVerdict = verdicts.at(-1) ?? '';
    expect(lastVerdict, verdicts.join('\n')).toMatch(/lost/i);
    // The counter reads short of the expected total: lost updates, in the frame.
    const actual = Number((await ex.locator('.ex-live .ex-actual').textContent())?.replace(/\D/g, ''));
    const expected = Number((await ex.locator('.ex-live .ex-expected').textContent())?.replace(/\D/g, ''));
    expect(actual).toBeGreaterThan(0);
    expect(actual, `counter ${actual} of ${expected}`).toBeLessThan(expected);
    expect(await csp.violations()).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('without the headers (a browser or host without them), says why and offers "Open in a new tab"', async () => {
    const { context, page, frame } = await framed(plainUrl());
    expect(await frame.evaluate(() => crossOriginIsolated)).toBe(false);
    const ex = page.frameLocator('iframe').locator(`section[data-example-id="${RACE}"]`);
    await expect.poll(() => ex.textContent()).toMatch(/needs shared memory/);
    const open = ex.locator('a.ex-open');
    expect(await open.textContent()).toBe('Open in a new tab');
    expect(await open.getAttribute('href')).toMatch(/^\/articles\/race-conditions\/#ex-race-conditions-counter-race$/);
    await context.close();
  });
});
