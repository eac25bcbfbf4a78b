/**
 * Links are promises (issue 13): every example id from before the move to one folder per article
 * still works through the built site, as course materials link it:
 * - /embed/<old-id>/ answers 200 (after any redirect) and shows the example under its new id;
 * - the article keeps an element with the old #ex- anchor;
 * - a parameter link made with the old anchor (?n=…#ex-<old>) still sets that example's controls;
 * - `npm run example -- <old-id>` runs the example and names its new id.
 * The list of old ids is content/redirects.json "examples"; this file also holds it to the anchor
 * manifest, so no pre-move anchor can drop out of either.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { readManifest } from '../../scripts/lib/anchors.mjs';
import { parseExampleRedirects } from '../../src/lib/example-redirects.ts';
import { baseUrl, launch, openPage } from './browser';

const redirects = parseExampleRedirects(JSON.parse(readFileSync(new URL('../../content/redirects.json', import.meta.url), 'utf8')));
const moved = Object.entries(redirects);
const anchorOf = (id: string) => `ex-${id.replaceAll('/', '-')}`;
const manifest = readManifest();
/** The page each old example anchor was promised on, from the manifest. */
const promisedPage = (oldId: string) => manifest.find((a) => a.endsWith(`#${anchorOf(oldId)}`))?.split('#')[0];

describe('example ids from before the move', () => {
  it('every old id is listed, points at an example that exists, and keeps its manifest anchor', () => {
    // 38 examples moved folders in issue 13; none of the mapping may be lost.
    expect(moved.length).toBeGreaterThanOrEqual(38);
    for (const [from, to] of moved) {
      expect(existsExample(to), `${from} -> ${to}: no content/examples/${to}.ts`).toBe(true);
      expect(promisedPage(from), `${from}: anchor missing from content/anchors.json`).toBeDefined();
    }
  });

  it('every old /embed/ URL answers 200 after redirects and shows the example under its new id', async () => {
    for (const [from, to] of moved) {
      const res = await fetch(`${baseUrl()}/embed/${from}/`, { redirect: 'follow' });
      expect(res.status, `/embed/${from}/`).toBe(200);
      const html = await res.text();
      expect(html, `/embed/${from}/ shows ${to}`).toContain(`data-example-id="${to}"`);
    }
  });

  it('every old #ex- anchor exists on its article page', async () => {
    const pages = new Map<string, string>();
    for (const [from] of moved) {
      const page = promisedPage(from);
      if (page === undefined) continue;
      const html = pages.get(page) ?? (await (await fetch(`${baseUrl()}${page}`)).text());
      pages.set(page, html);
      expect(html, `${page}#${anchorOf(from)}`).toContain(`id="${anchorOf(from)}"`);
    }
    expect(pages.size).toBeGreaterThan(5);
  });

  it('npm run example -- <old-id> runs the example and names its new id', () => {
    const script = fileURLToPath(new URL('../../scripts/example.ts', import.meta.url));
    const r = spawnSync(process.execPath, [script, 'locks/counter-lock', '--n', '100000'], { encoding: 'utf8', timeout: 60_000 });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toContain('locks/counter-lock is now race-conditions/counter-lock');
    expect(r.stdout).toMatch(/expectation exact: met — total = 200,000 of 200,000/);
  });
});

describe('a parameter link made before the move', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser.close();
  });

  it('?n=…#ex-<old-id> lands on the example and sets its control', async () => {
    const { page, errors, close } = await openPage(browser, `${baseUrl()}/articles/race-conditions/?n=300000#ex-locks-counter-race`);
    try {
      const section = page.locator('section#ex-race-conditions-counter-race');
      await expect.poll(() => section.locator('input[name="n"]').inputValue(), { timeout: 15_000 }).toBe('300000');
      // The old anchor is an empty element at the top of the example, so the browser scrolled there.
      const landing = await page.evaluate(() => {
        const alias = document.getElementById('ex-locks-counter-race');
        const target = document.getElementById('ex-race-conditions-counter-race');
        return { inside: !!alias && !!target && target.contains(alias), top: target?.getBoundingClientRect().top ?? -1, height: innerHeight };
      });
      expect(landing.inside).toBe(true);
      expect(landing.top).toBeGreaterThanOrEqual(0);
      expect(landing.top).toBeLessThan(landing.height / 2);
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });
});

function existsExample(id: string): boolean {
  try {
    readFileSync(new URL(`../../content/examples/${id}.ts`, import.meta.url));
    return true;
  } catch {
    return false;
  }
}
