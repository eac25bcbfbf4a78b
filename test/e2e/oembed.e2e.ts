/**
 * oEmbed as a consumer (an LMS, a CMS) uses it: fetch an example page, follow its discovery link,
 * check the answer against the oEmbed 1.0 spec (zod, written from the spec, not from our producer),
 * then put the `html` it returns into a course page on another origin with no isolation headers and
 * check, in Chromium, that the example renders and Runs there (threads in the frame, through
 * Document-Isolation-Policy), with its sandbox and allow attributes as returned. The iframes the
 * instructors' page gives for parameters and a schedule are loaded the same way. Articles answer
 * with a `link`.
 *
 * The build's `site` is http://localhost:4321 unless SITE_URL is set; the test server serves the same
 * files elsewhere, so the consumer here maps that origin to the server's, as DNS would in production.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'astro/zod';
import type { Browser } from 'playwright-core';
import { baseUrl, launch } from './browser';
import { watchCsp } from './csp-watch';
import { runOnce } from './examples-helpers';

const RACE = 'race-conditions/counter-race';
const ANCHOR = 'ex-race-conditions-counter-race';
const SITE = new URL(process.env['SITE_URL'] ?? 'http://localhost:4321').origin;

/** oEmbed 1.0, section 2.3.4: the fields every response has, and those of `rich` and `link`. */
const common = z.object({
  version: z.literal('1.0'),
  title: z.string().min(1),
  provider_name: z.string().min(1),
  provider_url: z.string().url(),
  cache_age: z.number().int().positive().optional(),
  // "If this parameter is present, thumbnail_width and thumbnail_height must also be present."
  thumbnail_url: z.string().url(),
  thumbnail_width: z.number().int().positive(),
  thumbnail_height: z.number().int().positive(),
});
const rich = common.extend({ type: z.literal('rich'), html: z.string().min(1), width: z.number().int().positive(), height: z.number().int().positive() }).strict();
const link = common.extend({ type: z.literal('link') }).strict();

let browser: Browser;
let parent: Server;
let parentOrigin: string;
/** The HTML each course page shows, by path. */
const coursePages = new Map<string, string>();

/** What a consumer does with an absolute URL from the site: here, the test server answers for it. */
const local = (url: string) => {
  const u = new URL(url);
  expect(u.origin, `${url} is on the build's site`).toBe(SITE);
  return `${baseUrl()}${u.pathname}${u.search}${u.hash}`;
};

async function discover(pagePath: string): Promise<{ json: unknown; contentType: string; href: string }> {
  const html = await (await fetch(`${baseUrl()}${pagePath}`)).text();
  const tags = [...html.matchAll(/<link rel="alternate" type="application\/json\+oembed" href="([^"]+)" title="([^"]*)"/g)];
  expect(tags.length, `one oEmbed discovery link on ${pagePath}`).toBe(1);
  const href = (tags[0]?.[1] ?? '').replaceAll('&amp;', '&');
  const res = await fetch(local(href));
  expect(res.status).toBe(200);
  return { json: await res.json(), contentType: res.headers.get('content-type') ?? '', href };
}

beforeAll(async () => {
  browser = await launch();
  parent = createServer((req, res) => {
    const body = coursePages.get(new URL(req.url ?? '/', 'http://x').pathname);
    res.writeHead(body ? 200 : 404, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(body ? `<!doctype html><html lang="en"><title>Course page</title><h1>Week 3</h1>${body}</html>` : 'not found');
  });
  await new Promise<void>((resolve) => parent.listen(0, '127.0.0.1', resolve));
  // The site is served on 127.0.0.1; the course page is addressed as localhost: another origin.
  parentOrigin = `http://localhost:${(parent.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await browser.close();
  await new Promise((r) => parent.close(r));
});

/** Shows `iframeHtml` in a course page of another origin; returns the example inside the frame. */
async function inCoursePage(name: string, iframeHtml: string) {
  coursePages.set(`/${name}`, iframeHtml);
  const context = await browser.newContext();
  const csp = await watchCsp(context);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${parentOrigin}/${name}`, { waitUntil: 'load' });
  const ex = page.frameLocator('iframe').locator(`section[data-example-id="${RACE}"]`);
  // The runner hydrates when it is on screen; in a cross-origin frame that means really visible.
  await ex.locator('button.ex-run').scrollIntoViewIfNeeded();
  await ex.locator('.ex-runner[data-hydrated]').waitFor({ timeout: 30_000 });
  return { context, csp, page, ex, errors };
}

/** The returned iframe, pointed at the test server (the only change a deployment would not need). */
const localIframe = (html: string, extra = '') => html.replace(/src="([^"]+)"/, (_, src: string) => `src="${local(src.replaceAll('&amp;', '&'))}${extra}"`);

describe('oEmbed, as a consumer uses it', () => {
  it('an example page answers `rich` JSON through its discovery link, with the iframe, its sandbox and allow', async () => {
    const { json, contentType, href } = await discover(`/embed/${RACE}/`);
    expect(contentType).toMatch(/^application\/json\b/);
    expect(new URL(href).pathname).toBe(`/oembed/embed/${RACE}.json`);
    const answer = rich.parse(json);
    expect(answer.title).toBe('Two threads, one counter, no lock');
    const iframe = /^<iframe src="([^"]+)" title="([^"]+)" width="(\d+)" height="(\d+)" allow="([^"]+)" sandbox="([^"]+)" loading="lazy"><\/iframe>$/.exec(answer.html);
    expect(iframe, answer.html).not.toBeNull();
    expect(iframe?.[1]).toBe(`${SITE}/embed/${RACE}/`);
    expect([Number(iframe?.[3]), Number(iframe?.[4])]).toEqual([answer.width, answer.height]);
    expect(iframe?.[5]?.split(/;\s*/)).toEqual(['cross-origin-isolated', 'clipboard-write']);
    expect(iframe?.[6]?.split(' ').sort()).toEqual(['allow-popups', 'allow-popups-to-escape-sandbox', 'allow-same-origin', 'allow-scripts']);
    // The thumbnail is the page's own preview image, and it exists.
    const thumb = await fetch(local(answer.thumbnail_url));
    expect(thumb.headers.get('content-type')).toBe('image/png');
    expect([answer.thumbnail_width, answer.thumbnail_height]).toEqual([1200, 630]);
  });

  it('an old id’s embed page discovers its new id’s answer (one example, one answer)', async () => {
    const { href } = await discover('/embed/locks/counter-race/');
    expect(new URL(href).pathname).toBe(`/oembed/embed/${RACE}.json`);
  });

  it('an article answers `link` (title and thumbnail, no frame)', async () => {
    const { json, contentType } = await discover('/articles/race-conditions/');
    expect(contentType).toMatch(/^application\/json\b/);
    expect(link.parse(json).title).toBe('Race conditions and thread safety');
  });

  it('the returned iframe, in a course page on another origin, is isolated and Run shows the race', async () => {
    const { json } = await discover(`/embed/${RACE}/`);
    const answer = rich.parse(json);
    const { context, csp, page, ex, errors } = await inCoursePage('oembed', localIframe(answer.html));
    const frameEl = page.locator('iframe');
    expect(await frameEl.getAttribute('sandbox')).toBe('allow-scripts allow-same-origin allow-popups allow-popups-to-escape-sandbox');
    const frame = page.frames().find((f) => f !== page.mainFrame());
    expect(new URL(frame?.url() ?? '').origin).not.toBe(new URL(page.url()).origin);
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(false);
    expect(await frame?.evaluate(() => crossOriginIsolated && typeof SharedArrayBuffer === 'function')).toBe(true);
    expect(await ex.locator('.ex-notice').count(), 'no "cannot run" notice').toBe(0);
    // The race is real, so a run may (rarely) lose nothing; three runs make a miss negligible.
    const verdicts: string[] = [];
    for (let i = 0; i < 3; i++) {
      const v = await runOnce(ex);
      verdicts.push(v.text);
      if (v.ok) break;
    }
    expect(verdicts.at(-1), verdicts.join('\n')).toMatch(/lost/i);
    expect(await csp.violations()).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('the instructors’ page iframes carry parameters and a schedule into the frame', async () => {
    const html = await (await fetch(`${baseUrl()}/instructors/`)).text();
    // The snippets as the page shows them (Shiki escapes them as text), unescaped as a reader's copy would be.
    const unescape = (s: string) =>
      s
        .replace(/<[^>]+>/g, '')
        .replace(/&#x([0-9a-f]+);/gi, (_, h: string) => String.fromCodePoint(parseInt(h, 16)))
        .replaceAll('&lt;', '<')
        .replaceAll('&gt;', '>')
        .replaceAll('&quot;', '"')
        .replaceAll('&amp;', '&');
    const snippets = [...html.matchAll(/<pre[^>]*>([\s\S]*?)<\/pre>/g)].map((m) => unescape(m[1] ?? '')).filter((s) => s.startsWith('<iframe'));
    const withParams = snippets.find((s) => s.includes('threads=4'));
    const withSchedule = snippets.find((s) => s.includes('schedule='));
    expect(withParams, snippets.join('\n')).toBeDefined();
    expect(withSchedule, snippets.join('\n')).toBeDefined();

    const p = await inCoursePage('params', localIframe(withParams ?? ''));
    expect(await p.ex.locator('input[name="threads"]').inputValue()).toBe('4');
    await p.context.close();

    const s = await inCoursePage('schedule', localIframe(withSchedule ?? ''));
    await expect.poll(() => s.ex.textContent()).toMatch(/Replay this schedule \(4 steps\)/);
    await s.context.close();
    expect(withSchedule).toContain(`#${ANCHOR}`);
  });
});
