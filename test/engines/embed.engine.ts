/**
 * Embeds in this engine. On its own, /embed/<id>/ is isolated (the site's headers) and the race runs.
 * Inside a course page of another origin that sends no isolation headers, the frame cannot be
 * isolated here: Document-Isolation-Policy, which isolates the frame in Chromium (test/e2e/
 * embed-iframe.e2e.ts), is Chromium's alone; Firefox 153 and WebKitGTK 2.50 ignore it. So the embed
 * says why it cannot run threads and offers "Open in a new tab", and the tab it opens runs the
 * example. (When an engine ships the policy, the frame's first check below fails: the test should
 * then expect what Chromium does.)
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { runAsReader } from '../e2e/examples-helpers';
import { startLmsPage } from '../e2e/lms-page';
import { hostWorkers, ready, runOnce, section } from './examples';
import { recordFigure } from './figures';
import { connectEngine, type Engine } from './page';

const RACE = 'race-conditions/counter-race';
const SEL = section(RACE);

let engine: Engine;
let lms: Awaited<ReturnType<typeof startLmsPage>>;
beforeAll(async () => {
  engine = await connectEngine();
  lms = await startLmsPage();
});
afterAll(async () => {
  await engine.release();
  await lms.close();
});

describe(`embeds (${inject('engine')})`, () => {
  it('the embed page on its own is isolated, shows the example alone, and Run shows the race', async () => {
    const page = await engine.newPage();
    await page.goto(`${inject('baseUrl')}/embed/${RACE}/`);
    expect(await page.evaluate(() => [document.querySelectorAll('section.example').length, document.querySelectorAll('.site-header').length, crossOriginIsolated])).toEqual([1, 0, true]);
    await ready(page, RACE);
    const { verdict, runs, failure } = await runAsReader(RACE, false, () => runOnce(page, RACE));
    expect(failure).toBeNull();
    expect(await page.evaluate((s: string) => document.querySelectorAll(`${s} .ex-notice`).length, SEL)).toBe(0);
    expect(await page.errors()).toEqual([]);
    recordFigure('embed', `/embed/${RACE}/ on its own: "${verdict.text.split('.')[0]}" (${runs} run${runs > 1 ? 's' : ''})`);
    await page.close();
  });

  it('inside a non-isolated course page of another origin: says why it cannot run threads, and the new tab it offers runs the example', async () => {
    const page = await engine.newPage();
    await page.goto(lms.pageFraming(`${inject('baseUrl')}/embed/${RACE}/`));
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(false);
    const frame = await page.frame('iframe');
    // No Document-Isolation-Policy in this engine: the frame of an unisolated page stays unisolated.
    expect(await frame.evaluate(() => crossOriginIsolated)).toBe(false);
    await ready(frame, RACE);
    await frame.waitFor('the embed to say why it cannot run', (s: string) => /needs shared memory/.test(document.querySelector(s)?.textContent ?? ''), [SEL]);
    const notice = await frame.text(`${SEL} .ex-notice`);
    expect(notice).toMatch(/frame/);
    expect(notice).toMatch(/Document-Isolation-Policy/);
    expect(await frame.text(`${SEL} a.ex-open`)).toBe('Open in a new tab');
    expect(await hostWorkers(frame)).toBe(0);
    const tab = await frame.clickOpeningTab(`${SEL} a.ex-open`);
    expect(await tab.evaluate(() => [location.pathname, location.hash, crossOriginIsolated])).toEqual(['/articles/race-conditions/', `#ex-${RACE.replaceAll('/', '-')}`, true]);
    await ready(tab, RACE);
    const { verdict, runs, failure } = await runAsReader(RACE, false, () => runOnce(tab, RACE));
    expect(failure).toBeNull();
    expect(await tab.errors()).toEqual([]);
    recordFigure('embed', `framed by a non-isolated page: "${notice.split('.')[0]}."; its new tab ran the race: "${verdict.text.split('.')[0]}" (${runs} run${runs > 1 ? 's' : ''})`);
    await tab.close();
    await page.close();
  });
});
