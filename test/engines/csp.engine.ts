/**
 * The strict Content-Security-Policy (src/isolation-headers.mjs) breaks nothing in this engine, with
 * 0 violations. How violations are heard: not by a listener in the page, since WebKit's WebDriver
 * cannot add one before a page's own scripts run, but by the policy itself: the suite's isolated
 * server adds `report-uri` to the site's policy (scripts/static-server.mjs, `cspReports`), and the
 * browser reports every violation there, from pages, frames and workers. The same way in both
 * engines, and it hears what a page listener would miss (a worker's violations). The whole run is
 * watched this way (the global setup prints the total); this test checks the pages and actions most
 * likely to break: every article page and the challenges page loaded with their islands, a Run, Edit
 * with an in-page compile (esbuild-wasm, in a blob: worker) and a run of the edit, the GIL lab, an
 * embed; and that the watch works: an injected inline script is refused and reported.
 */
import { describe, expect, inject, it } from 'vitest';
import { pageOf } from '../e2e/examples-helpers';
import { printing } from '../e2e/edited-programs';
import { builtPages } from '../site/pages';
import { contentSecurityPolicy } from '../../src/isolation-headers.mjs';
import { CSP_REPORTS_PATH } from '../../scripts/static-server.mjs';
import { ready, replaceEditorText, runOnce, section } from './examples';
import { PROVOKED_CSP, recordFigure } from './figures';
import { useEngine } from './page';

const RACE = 'race-conditions/counter-race';

const engine = useEngine();

const reports = async (): Promise<unknown[]> => (await (await fetch(inject('cspReportsUrl'))).json()) as unknown[];

describe(`Content-Security-Policy (${inject('engine')})`, () => {
  it('pages, Run, Edit plus compile, the GIL lab and an embed: 0 violations reported; an injected inline script is refused and reported', async () => {
    const base = inject('baseUrl');
    // The policy the browser gets is the site's, with only the report address added.
    const res = await fetch(base + pageOf(RACE));
    expect(res.headers.get('content-security-policy')).toBe(`${contentSecurityPolicy}; report-uri ${CSP_REPORTS_PATH}`);
    const before = (await reports()).length;
    const page = await engine.newPage();
    const urls = builtPages()
      .filter((p) => p.url === '/' || p.url === '/challenges/' || p.url.startsWith('/articles/'))
      .filter((p) => !/http-equiv="refresh"/.test(p.html))
      .map((p) => p.url);
    expect(urls.length).toBeGreaterThan(10);
    for (const url of urls) {
      await page.goto(base + url);
      // Islands in view hydrate after load (Astro drops their `ssr` attribute when done).
      await page.waitFor(`${url}: islands in view hydrated`, () =>
        [...document.querySelectorAll('astro-island[ssr]')].every((el) => (el.firstElementChild ?? el).getBoundingClientRect().top > innerHeight + 300), []);
    }
    await page.goto(base + pageOf(RACE));
    await ready(page, RACE);
    expect((await runOnce(page, RACE)).text).not.toBe('');
    await replaceEditorText(page, RACE, printing('compiled here'));
    await runOnce(page, RACE);
    expect(await page.text(`${section(RACE)} .ex-live .ex-output-text`)).toContain('compiled here');
    await page.click(`${section(RACE)} button.ex-reset`);
    await page.goto(base + '/articles/the-gil/');
    await page.evaluate(() => document.querySelector('.gil-timeline')?.scrollIntoView({ block: 'center', behavior: 'instant' }));
    await page.waitFor('the GIL lab to hydrate', () => document.querySelector('.gil-timeline[data-hydrated]') !== null, []);
    await page.click('.gil-timeline button.gil-run');
    await page.waitFor('the GIL lab run to end', () => document.querySelector('.gil-timeline')?.getAttribute('data-phase') === 'ended', [], 60_000);
    await page.goto(`${base}/embed/${RACE}/`);
    await ready(page, RACE);
    await runOnce(page, RACE);
    expect(await page.errors()).toEqual([]);
    const seen = (await reports()).slice(before);
    expect(seen.map((r) => JSON.stringify(r).slice(0, 400))).toEqual([]);

    // The watch itself works: an inline script injected into a page is refused, and reported.
    await page.goto(`${base}/?${PROVOKED_CSP}`);
    await page.evaluate(() => {
      const s = document.createElement('script');
      s.textContent = 'window.injected = true';
      document.head.append(s);
    });
    let provoked: unknown[] = [];
    for (let i = 0; i < 100 && provoked.length === 0; i++) {
      provoked = (await reports()).slice(before).filter((r) => JSON.stringify(r).includes(PROVOKED_CSP));
      if (provoked.length === 0) await new Promise((r) => setTimeout(r, 100));
    }
    expect(provoked.length, 'the injected inline script was reported').toBeGreaterThan(0);
    expect(await page.evaluate(() => 'injected' in window)).toBe(false);
    recordFigure('csp', `${urls.length} pages, Run, Edit plus compile, the GIL lab and an embed: 0 reports to report-uri; an injected inline script was refused and reported (${JSON.stringify(provoked[0]).match(/"(?:effective-directive|effectiveDirective)":"([^"]+)"/)?.[1] ?? '?'})`);
    await page.close();
  }, 300_000);
});
