/**
 * The service-worker fallback on a host that sends no isolation headers (the plain server, like
 * GitHub Pages), in Firefox, as Chromium's suite does it (test/e2e/service-worker.e2e.ts;
 * docs/service-worker.md): the first visit reloads once, then the page is isolated, served by our
 * worker, and the race runs; it never reloads again; another page is isolated at once.
 * Firefox only: WebKit's automation here gives no hold on service workers, and the issue asks this of
 * Firefox (Safari's own service workers are not WebKitGTK's MiniBrowser's).
 */
import { describe, expect, inject, it } from 'vitest';
import { pageOf, runAsReader } from '../e2e/examples-helpers';
import { ready, runOnce } from './examples';
import { recordFigure } from './figures';
import { useEngine } from './page';

const RACE = 'race-conditions/counter-race';

const engine = useEngine();

describe.runIf(inject('engine') === 'firefox')('service-worker fallback on a host without isolation headers (Firefox)', () => {
  it('the first visit reloads once; then threads run and the race shows; no second reload; the next page is isolated at once', async () => {
    const page = await engine.newPage();
    const plain = inject('plainUrl');
    const started = Date.now();
    await page.goto(plain + pageOf(RACE));
    // The one reload may still be under way: poll through it.
    await page.waitFor('the page to be isolated after its one reload', () => globalThis.crossOriginIsolated, [], 60_000);
    await page.waitFor('the reloaded page to load', () => document.readyState === 'complete', []);
    const isolatedMs = Date.now() - started;
    expect(await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL)).toBe(`${plain}/sw.js`);
    // The reload's mark has left the address bar.
    expect(await page.evaluate(() => location.href)).toBe(plain + pageOf(RACE));
    // A mark in this document: if the page reloaded again, it would be gone.
    await page.evaluate(() => ((window as unknown as { stayed: boolean }).stayed = true));
    await ready(page, RACE);
    const { verdict, runs, failure } = await runAsReader(RACE, false, () => runOnce(page, RACE));
    expect(failure).toBeNull();
    expect(await page.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(true);
    expect(await page.evaluate(() => document.documentElement.getAttribute('data-isolation'))).toBeNull();
    // Another page of the site: served by the worker, isolated with no reload.
    await page.goto(plain + '/');
    expect(await page.evaluate(() => [crossOriginIsolated, performance.getEntriesByType('navigation').length])).toEqual([true, 1]);
    expect(await page.errors()).toEqual([]);
    recordFigure('service worker', `header-less host: isolated after its one reload in ${(isolatedMs / 1000).toFixed(1)} s, served by /sw.js; the race ran: "${verdict.text.split('.')[0]}" (${runs} run${runs > 1 ? 's' : ''}); no second reload`);
    await page.close();
  });
});
