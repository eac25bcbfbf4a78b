/**
 * The service-worker fallback and offline reading (issue 11), in real Chromium against servers that
 * send NO isolation headers (like GitHub Pages): the first visit reloads once and threads run; a hard
 * reload (which bypasses the worker) recovers with one more reload, never a loop; with service
 * workers blocked, or after the one reload already happened, the page stays put and says why; on a
 * host that sends the headers nothing registers unless the reader opts in to offline reading;
 * offline, an article opened once loads and Runs (edits compile too), and a page never opened shows
 * the offline page. Every wait is on a condition, never a fixed sleep.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { baseUrl, launch, plainUrl } from './browser';
import { pageOf, ready, runOnce } from './examples-helpers';
import { distDir } from '../site/pages';
import { startStaticServer } from '../../scripts/static-server.mjs';
import { pageKit } from '../../src/integrations/offline.mjs';

const RACE = 'race-conditions/counter-race';
const RACE_PAGE = pageOf(RACE);

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser.close();
});

interface Visit {
  context: BrowserContext;
  page: Page;
  /** Every top-level document response, in order, and whether the service worker answered it. */
  documents: { url: string; fromServiceWorker: boolean; status: number }[];
  errors: string[];
}

async function visit(url: string, options: BrowserContextOptions = {}): Promise<Visit> {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  const documents: Visit['documents'] = [];
  const errors: string[] = [];
  page.on('response', (r) => {
    if (r.request().isNavigationRequest() && r.frame() === page.mainFrame()) {
      documents.push({ url: r.url(), fromServiceWorker: r.fromServiceWorker(), status: r.status() });
    }
  });
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  // Only until the response starts: the one reload may come before the first document's load event.
  await page.goto(url, { waitUntil: 'commit' });
  return { context, page, documents, errors };
}

/** Reads a page value, riding over the moment a reload replaces the document. */
const read = <T>(page: Page, fn: () => T, fallback: T) => page.evaluate(fn).catch(() => fallback);

async function isolatedNow(page: Page): Promise<void> {
  await expect.poll(() => read(page, () => globalThis.crossOriginIsolated, false), { timeout: 60_000 }).toBe(true);
  await page.waitForLoadState('networkidle');
}

/** The race shows itself: updates lost (a run may rarely lose none, so up to three tries). */
async function runsTheRace(page: Page): Promise<void> {
  const ex = await ready(page, RACE);
  let verdict = { ok: false, text: '' };
  for (let i = 0; i < 3 && !verdict.ok; i++) verdict = await runOnce(ex);
  expect(verdict.ok, verdict.text).toBe(true);
  expect(await ex.locator('.ex-notice').count()).toBe(0);
  expect(await ex.locator('.ex-live .ex-output-text').textContent()).toMatch(/updates lost/);
}

describe('service-worker fallback on a host without isolation headers', () => {
  it('the first visit reloads once; then threads run and the race shows', async () => {
    const v = await visit(plainUrl() + RACE_PAGE);
    await isolatedNow(v.page);
    expect(v.documents.map((d) => d.fromServiceWorker), JSON.stringify(v.documents)).toEqual([false, true]);
    expect(await v.page.evaluate(() => navigator.serviceWorker.controller?.scriptURL)).toBe(`${plainUrl()}/sw.js`);
    await runsTheRace(v.page);
    // Another page of the site is served by the worker at once: isolated, no reload.
    await v.page.goto(plainUrl() + '/');
    expect(await v.page.evaluate(() => crossOriginIsolated)).toBe(true);
    expect(v.documents.length).toBe(3);
    expect(v.errors).toEqual([]);
    await v.context.close();
  });

  it('a hard reload bypasses the worker; the page reloads once more and is isolated again', async () => {
    const v = await visit(plainUrl() + RACE_PAGE);
    await isolatedNow(v.page);
    expect(v.documents.length).toBe(2);
    // What Shift+Reload does: a reload that bypasses the cache, and with it the service worker.
    const cdp = await v.context.newCDPSession(v.page);
    await cdp.send('Page.reload', { ignoreCache: true });
    await expect.poll(() => v.documents.length, { timeout: 60_000 }).toBeGreaterThanOrEqual(4);
    await isolatedNow(v.page);
    expect(v.documents.slice(2).map((d) => d.fromServiceWorker), JSON.stringify(v.documents)).toEqual([false, true]);
    expect(v.documents.length).toBe(4);
    await runsTheRace(v.page);
    expect(v.errors).toEqual([]);
    await v.context.close();
  });

  it('with service workers blocked: no reload, the page stays readable and says why threads cannot run', async () => {
    const v = await visit(plainUrl() + RACE_PAGE, { serviceWorkers: 'block' });
    // The registration script's last word, then the count of documents (no sleep needed: it is final).
    await v.page.locator('html[data-isolation]').waitFor({ state: 'attached', timeout: 30_000 });
    await v.page.waitForLoadState('networkidle');
    expect(await v.page.getAttribute('html', 'data-isolation')).toBe('no-service-worker');
    expect(v.documents.length).toBe(1);
    expect(await v.page.evaluate(() => crossOriginIsolated)).toBe(false);
    expect(await v.page.locator('main h1').textContent()).toBeTruthy();
    const ex = await ready(v.page, RACE);
    await ex.locator('button.ex-run').click();
    const notice = (await ex.locator('.ex-notice').textContent()) ?? '';
    expect(notice).toMatch(/no service worker/);
    expect(notice).toMatch(/Cross-Origin-Opener-Policy: same-origin/);
    await v.context.close();
  });

  it('after its one reload the page never reloads again: a still unisolated page says so and stays', async () => {
    // The address the one reload uses; as if isolation had still not taken after it.
    const v = await visit(`${plainUrl()}${RACE_PAGE}?threads=3&isolation-reload=1#ex-race-conditions-counter-race`);
    await v.page.locator('html[data-isolation]').waitFor({ state: 'attached', timeout: 30_000 });
    await v.page.waitForLoadState('networkidle');
    expect(await v.page.getAttribute('html', 'data-isolation')).toBe('failed');
    expect(v.documents.length).toBe(1);
    // The mark leaves the address bar; the reader's parameters and anchor stay.
    expect(v.page.url()).toBe(`${plainUrl()}${RACE_PAGE}?threads=3#ex-race-conditions-counter-race`);
    const ex = await ready(v.page, RACE);
    await ex.locator('button.ex-run').click();
    expect(await ex.locator('.ex-notice').textContent()).toMatch(/tried to turn isolation on .* once/);
    expect(await v.page.evaluate(() => navigator.serviceWorker.getRegistrations().then((r) => r.length))).toBe(0);
    await v.context.close();
  });

  it('on a host that sends the headers it never registers', async () => {
    const v = await visit(baseUrl() + RACE_PAGE);
    // The registration script ran (it shows the offline opt-in only on an isolated page)...
    await v.page.locator('button[data-offline]').waitFor({ state: 'visible' });
    await v.page.waitForLoadState('networkidle');
    // ...and registered nothing.
    expect(await v.page.evaluate(() => crossOriginIsolated)).toBe(true);
    expect(await v.page.evaluate(() => navigator.serviceWorker.getRegistrations().then((r) => r.length))).toBe(0);
    expect(await v.page.getAttribute('html', 'data-isolation')).toBeNull();
    expect(v.documents.length).toBe(1);
    await v.context.close();
  });
});

describe('offline', () => {
  it('an article opened once loads and Runs offline; a page never opened shows the offline page', async () => {
    // A server of our own, so that "offline" can be real: it is closed before the offline visits.
    const server = await startStaticServer({ root: distDir, isolation: false });
    const v = await visit(server.url + RACE_PAGE);
    await isolatedNow(v.page);
    // Wait until the worker has kept the page and everything a Run needs (computed from dist/ as the build does).
    const read = (p: string) => readFileSync(path.join(distDir, p), 'utf8');
    const known = new Set(builtFiles());
    const kit = [RACE_PAGE.slice(1), ...pageKit(read(`${RACE_PAGE.slice(1)}index.html`), read, known)];
    expect(kit).toEqual(expect.arrayContaining(['_interleave/runtime.js', '_interleave/worker.js', `_interleave/examples/${RACE}.js`]));
    const missing = () =>
      v.page.evaluate(async (urls) => (await Promise.all(urls.map(async (u) => ((await caches.match(u)) ? '' : u)))).filter(Boolean), kit.map((p) => `${server.url}/${p}`));
    await expect.poll(missing, { timeout: 60_000 }).toEqual([]);
    // The editor, once used, is kept too: its chunks and the 14 MB esbuild.wasm.
    const ex = await ready(v.page, RACE);
    await ex.locator('button.ex-edit').click();
    await ex.locator('.cm-content').waitFor();
    const editorFiles = builtFiles().filter((f) => /^_astro\/(code-editor|compile-in-browser)\.|esbuild\.wasm$/.test(f));
    expect(editorFiles.length).toBe(3);
    kit.push(...editorFiles);
    await expect.poll(missing, { timeout: 90_000 }).toEqual([]);

    // Cut the network for real: the browser's offline mode, the server gone, and no HTTP cache to
    // fall back on (the runtime may be reused for five minutes): only the worker's cache can answer.
    await v.context.setOffline(true);
    await server.close();
    const cdp = await v.context.newCDPSession(v.page);
    await cdp.send('Network.clearBrowserCache');
    const res = await v.page.goto(server.url + RACE_PAGE + '?threads=2');
    expect(res?.fromServiceWorker()).toBe(true);
    expect(res?.status()).toBe(200);
    expect(await v.page.evaluate(() => crossOriginIsolated)).toBe(true);
    await runsTheRace(v.page);
    // An edit compiles in the page with the kept esbuild.wasm, and runs.
    const offlineEx = await ready(v.page, RACE);
    await offlineEx.locator('button.ex-edit').click();
    const editor = offlineEx.locator('.cm-content');
    await editor.waitFor();
    await editor.click();
    await v.page.keyboard.press('ControlOrMeta+a');
    await v.page.keyboard.insertText(
      "import { print } from 'interleave';\nexport const meta = { title: 't', summary: 's', expect: { kind: 'output', includes: ['compiled offline'] } };\nexport default function main() {\n  print('compiled offline');\n}\n",
    );
    const edited = await runOnce(offlineEx, 60_000);
    expect(await offlineEx.locator('.ex-compile-error').count()).toBe(0);
    expect(await offlineEx.locator('.ex-live .ex-output-text').textContent()).toContain('compiled offline');
    expect(edited.text).toContain('Finished');

    const never = await v.page.goto(server.url + '/articles/deadlocks/');
    expect(never?.status()).toBe(503);
    expect(await v.page.locator('main h1').textContent()).toBe('You are offline');
    expect(await v.page.locator('[data-offline-page]').textContent()).toMatch(/not been saved on this device/);
    expect(await v.page.locator('link[rel=stylesheet]').count()).toBeGreaterThan(0);
    expect(await v.page.evaluate(() => getComputedStyle(document.body).fontFamily)).not.toBe('');
    await v.context.close();
  });
});

describe('offline reading on a host that sends the headers', () => {
  it('is the reader\'s choice: the footer button keeps pages (this one included); pressed again, it forgets them', async () => {
    const server = await startStaticServer({ root: distDir, isolation: true });
    const v = await visit(server.url + RACE_PAGE);
    await v.page.waitForLoadState('networkidle');
    expect(await v.page.evaluate(() => navigator.serviceWorker.getRegistrations().then((r) => r.length))).toBe(0);
    const button = v.page.locator('button[data-offline]');
    await button.waitFor({ state: 'visible' });
    expect(await button.getAttribute('aria-pressed')).toBe('false');
    await button.click();
    await expect.poll(() => button.getAttribute('aria-pressed')).toBe('true');
    expect(await v.page.locator('[data-offline-status]').textContent()).toMatch(/kept on this device/);
    const kept = (urls: string[]) =>
      v.page.evaluate(async (list) => (await Promise.all(list.map(async (u) => ((await caches.match(u)) ? '' : u)))).filter(Boolean), urls);
    const wanted = [RACE_PAGE, '/_interleave/runtime.js', '/_interleave/worker.js', `/_interleave/examples/${RACE}.js`].map((p) => server.url + p);
    await expect.poll(() => kept(wanted), { timeout: 60_000 }).toEqual([]);

    await v.context.setOffline(true);
    await server.close();
    const cdp = await v.context.newCDPSession(v.page);
    await cdp.send('Network.clearBrowserCache');
    const res = await v.page.goto(server.url + RACE_PAGE);
    expect(res?.fromServiceWorker()).toBe(true);
    expect(await v.page.evaluate(() => crossOriginIsolated)).toBe(true);
    await runsTheRace(v.page);

    // Remembered on the next page; pressed again, the worker and its cache are gone.
    await button.waitFor({ state: 'visible' });
    expect(await button.getAttribute('aria-pressed')).toBe('true');
    await button.click();
    await expect.poll(() => button.getAttribute('aria-pressed')).toBe('false');
    expect(await v.page.evaluate(() => navigator.serviceWorker.getRegistrations().then((r) => r.length))).toBe(0);
    expect(await v.page.evaluate(() => caches.keys())).toEqual([]);
    await v.context.close();
  });
});

function builtFiles(dir = distDir, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? builtFiles(path.join(dir, d.name), `${prefix}${d.name}/`) : [`${prefix}${d.name}`],
  );
}
