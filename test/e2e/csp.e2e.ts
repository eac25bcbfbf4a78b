/**
 * The strict Content-Security-Policy (src/isolation-headers.mjs) breaks nothing: every page of the
 * built site loads, then Run, Edit plus an in-page compile, search, the GIL lab and an embed all work,
 * with 0 violations (securitypolicyviolation events and Chromium's console reports).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { baseUrl, launch } from './browser';
import { watchCsp } from './csp-watch';
import { pageOf, ready, runOnce } from './examples-helpers';
import { builtPages } from '../site/pages';
import { contentSecurityPolicy } from '../../src/isolation-headers.mjs';

const RACE = 'race-conditions/counter-race';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser.close();
});

describe('Content-Security-Policy', () => {
  it('is strict: no unsafe-inline or unsafe-eval for scripts, object-src none, base-uri self', () => {
    const directives = new Map(contentSecurityPolicy.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1)]));
    expect(directives.get('default-src')).toEqual(["'self'"]);
    for (const d of ['script-src', 'worker-src']) {
      expect(directives.get(d)).not.toContain("'unsafe-inline'");
      expect(directives.get(d)).not.toContain("'unsafe-eval'");
    }
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('base-uri')).toEqual(["'self'"]);
    expect(directives.get('frame-ancestors')).toEqual(['*']);
  });

  it('every page of the site loads with 0 violations', async () => {
    const context = await browser.newContext();
    const csp = await watchCsp(context);
    const errors: string[] = [];
    // Redirect stubs (old URLs) only forward to a page that is crawled anyway, and have no script.
    const urls = builtPages()
      .filter((p) => !/http-equiv="refresh"/.test(p.html))
      .map((p) => p.url);
    expect(urls.length).toBeGreaterThan(30);
    // Three tabs share the crawl.
    const visit = async () => {
      const page = await context.newPage();
      page.on('pageerror', (e) => errors.push(e.message));
      for (let url = urls.shift(); url !== undefined; url = urls.shift()) {
        const res = await page.goto(baseUrl() + url, { waitUntil: 'load' });
        expect(res?.headers()['content-security-policy'], url).toBe(contentSecurityPolicy);
        // Islands in view hydrate after load (Astro drops their `ssr` attribute when done): wait
        // for those, so their scripts have loaded under the policy before the page is left.
        await page.waitForFunction(() =>
          [...document.querySelectorAll('astro-island[ssr]')].every((el) => (el.firstElementChild ?? el).getBoundingClientRect().top > innerHeight + 300),
        );
        expect(await csp.violations(), url).toEqual([]);
      }
    };
    await Promise.all([visit(), visit(), visit()]);
    expect(errors).toEqual([]);
    await context.close();
  }, 180_000);

  it('Run, Edit plus compile, search, the GIL lab and an embed: 0 violations (and a real one is caught)', async () => {
    const context = await browser.newContext();
    const csp = await watchCsp(context);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));

    // Run, then Edit and a compile in the page (esbuild-wasm in its blob: worker) and a run of the
    // edited code (a blob: module imported by the workers).
    await page.goto(baseUrl() + pageOf(RACE), { waitUntil: 'networkidle' });
    const ex = await ready(page, RACE);
    expect((await runOnce(ex)).text).not.toBe('');
    await ex.locator('button.ex-edit').click();
    const editor = ex.locator('.cm-content');
    await editor.waitFor();
    await editor.click();
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.insertText(
      "import { print } from 'interleave';\nexport const meta = { title: 't', summary: 's', expect: { kind: 'output', includes: ['compiled here'] } };\nexport default function main() {\n  print('compiled here');\n}\n",
    );
    await runOnce(ex, 60_000);
    expect(await ex.locator('.ex-live .ex-output-text').textContent()).toContain('compiled here');
    await ex.locator('button.ex-reset').click();
    expect(await csp.violations(), 'after Run and Edit').toEqual([]);

    // Search: Pagefind's script and its WebAssembly load on first use.
    await page.goto(baseUrl() + '/', { waitUntil: 'networkidle' });
    await page.locator('site-search input').fill('deadlock');
    await page.locator('site-search .results a').first().waitFor({ timeout: 30_000 });
    expect(await csp.violations(), 'after search').toEqual([]);

    // The GIL lab: one timeline run.
    await page.goto(baseUrl() + '/articles/the-gil/', { waitUntil: 'networkidle' });
    const lab = page.locator('.gil-timeline');
    await lab.scrollIntoViewIfNeeded();
    await page.locator('.gil-timeline[data-hydrated]').waitFor({ timeout: 30_000 });
    await lab.locator('button.gil-run').click();
    await page.locator('.gil-timeline[data-phase="ended"]').waitFor({ timeout: 60_000 });
    expect(await csp.violations(), 'after the GIL lab').toEqual([]);

    // An embed page, run on its own (framed by another origin: embed-iframe.e2e.ts).
    await page.goto(`${baseUrl()}/embed/${RACE}/`, { waitUntil: 'networkidle' });
    const embedded = await ready(page, RACE);
    await runOnce(embedded);
    expect(await csp.violations(), 'after the embed').toEqual([]);
    expect(errors).toEqual([]);

    // The watch itself works: an injected inline script is refused and reported.
    await page.evaluate(() => {
      const s = document.createElement('script');
      s.textContent = 'window.injected = true';
      document.head.append(s);
    });
    await expect.poll(async () => (await csp.violations()).length).toBeGreaterThan(0);
    expect(await page.evaluate(() => 'injected' in window)).toBe(false);
    await context.close();
  }, 180_000);
});
