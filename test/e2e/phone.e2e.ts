/**
 * The site on a phone: a 390×844 touch screen in Chromium's mobile emulation (isMobile, hasTouch,
 * taps rather than clicks). Step mode is played by tapping to a lost update; the chrome left on
 * screen after scrolling, the size of every control a reader taps and sideways scrolling are
 * measured from the page's real boxes with the same code as `npm run report:phone`
 * (scripts/lib/phone-measure.mjs), against docs/phones.md's budgets. Every wait is a handshake on
 * the page's own attributes, never a fixed sleep.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { baseUrl, launch } from './browser';
import { example, pageOf } from './examples-helpers';
import { builtPages } from '../site/pages';
import { axeViolations } from './axe-run';
import { BUDGETS, PHONE, chromeAfterScroll, controlSizes, sideways } from '../../scripts/lib/phone-measure.mjs';

const RACE = 'race-conditions/counter-race';
// T1 and T2 both load 0 before either stores: one update is lost; then each finishes in turn.
const LOST = [1, 2, 1, 2, 1, 1, 2, 2];

let browser: Browser;
let context: BrowserContext;
let errors: string[] = [];

beforeAll(async () => {
  browser = await launch();
  context = await browser.newContext(PHONE);
});
afterAll(async () => {
  await context.close();
  await browser.close();
});

async function open(url: string): Promise<Page> {
  const page = await context.newPage();
  errors = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  await page.goto(baseUrl() + url, { waitUntil: 'networkidle' });
  return page;
}

async function hydrated(page: Page, scope: string): Promise<void> {
  await page.locator(scope).first().scrollIntoViewIfNeeded();
  await page.locator(`${scope} .ex-runner[data-hydrated]`).first().waitFor({ timeout: 30_000 });
}

/** Every control in `scope` takes a 44 × 44 px tap; the message names the ones that do not. */
async function expectTappable(page: Page, scope: string): Promise<void> {
  const sizes = await controlSizes(page, scope);
  expect(sizes.length, `controls in ${scope}`).toBeGreaterThan(0);
  const small = sizes.filter((s) => s.height < BUDGETS.target - 0.5 || s.width < BUDGETS.target - 0.5);
  expect(small.map((s) => `${s.what}: ${s.height.toFixed(1)} × ${s.width.toFixed(1)} px`), scope).toEqual([]);
}

describe('on a 390×844 touch screen', () => {
  it('the emulation is a touch screen: pointer coarse, no hover', async () => {
    const page = await open('/');
    expect(await page.evaluate(() => [matchMedia('(pointer: coarse)').matches, matchMedia('(hover: none)').matches, navigator.maxTouchPoints > 0]))
      .toEqual([true, true, true]);
    await page.close();
  });

  it('steps the unlocked counter by tapping to a lost update', async () => {
    const page = await open(pageOf(RACE));
    const scope = `section[data-example-id="${RACE}"]`;
    const ex = example(page, RACE);
    await hydrated(page, scope);
    await expectTappable(page, scope);
    await page.tap(`${scope} button.ex-step-open`);
    await ex.locator('.ex-step[data-step-status="choosing"]:not([aria-busy])').waitFor({ timeout: 30_000 });
    await expectTappable(page, `${scope} .ex-step`);
    for (let i = 0; i < LOST.length; i++) {
      // page.tap checks that the button itself receives the touch: nothing (the header) covers it.
      await page.tap(`${scope} .ex-step-thread[data-thread="${LOST[i]}"] button`);
      await ex.locator(`.ex-step[data-steps="${i + 1}"]:not([aria-busy])`).waitFor({ timeout: 30_000 });
    }
    await ex.locator('.ex-step[data-step-status="ended"]').waitFor({ timeout: 30_000 });
    expect(await ex.locator('[data-schedule]').innerText()).toBe(LOST.join(' '));
    // 2 threads × 2 increments with one update lost: the total is 3, not 4.
    expect(await ex.locator('[data-shared="total"]').innerText()).toMatch(/^3\b/);
    const verdict = ex.locator('[data-step-verdict]');
    expect(await verdict.getAttribute('data-step-verdict')).toBe('ok'); // the example claims lost updates
    expect(await verdict.innerText()).toMatch(/lost/i);
    expect((await sideways(page)).culprits).toEqual([]);
    expect((await sideways(page)).sideways).toBe(false);
    await page.tap(`${scope} button.ex-step-close`);
    await ex.locator('.ex-step').waitFor({ state: 'detached' });
    expect(errors).toEqual([]);
    await page.close();
  });

  for (const url of ['/', '/articles/race-conditions/', '/challenges/', `/embed/${RACE}/`]) {
    it(`${url}: the fixed or sticky chrome takes at most 8 % of the screen once scrolled`, async () => {
      const page = await open(url);
      const c = await chromeAfterScroll(page);
      expect(c.scrolled, 'the page scrolled').toBeGreaterThan(0);
      expect(c.fraction, c.boxes.map((b) => `${b.what} ${b.bottom - b.top} px`).join(', ')).toBeLessThanOrEqual(BUDGETS.chromeFraction);
      expect(errors).toEqual([]);
      await page.close();
    });
  }

  it('every control of an embed, a challenge and the GIL lab takes a 44 px tap', async () => {
    let page = await open(`/embed/${RACE}/`);
    await hydrated(page, 'main');
    await expectTappable(page, 'main');
    await page.close();
    page = await open('/challenges/');
    const challenge = 'section[data-example-id^="challenges/"]';
    await hydrated(page, challenge);
    await expectTappable(page, challenge);
    await page.close();
    const gil = builtPages().find((p) => p.url.startsWith('/articles/') && p.html.includes('gil-lab'));
    expect(gil, 'an article with the GIL lab').toBeDefined();
    page = await open(gil?.url ?? '');
    for (const lab of ['.gil-timeline', '.gil-speedup', '.gil-convoy']) {
      await page.locator(lab).scrollIntoViewIfNeeded();
      await page.locator(`${lab}[data-hydrated]`).waitFor({ timeout: 30_000 });
      await expectTappable(page, lab);
    }
    expect(errors).toEqual([]);
    await page.close();
  });

  it('search folds into a button that opens it, finds, and folds back with Escape', async () => {
    const page = await open('/articles/race-conditions/');
    const button = page.locator('site-search button.search-open');
    const input = page.locator('site-search input');
    expect(await input.isVisible()).toBe(false);
    await page.mouse.wheel(0, 1200);
    await button.tap();
    expect(await button.getAttribute('aria-expanded')).toBe('true');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('site-search-input');
    await page.keyboard.type('posix_spawn');
    const result = page.locator('site-search .results a').first();
    await result.waitFor();
    expect(await result.getAttribute('href')).toContain('/articles/processes-and-threads/');
    // The open box sits below the header, inside the screen, not under it.
    const box = await page.locator('site-search form').boundingBox();
    const header = await page.locator('.site-header').boundingBox();
    expect(box && header && box.y >= header.y + header.height - 1).toBe(true);
    await page.keyboard.press('Escape'); // clears
    expect(await input.inputValue()).toBe('');
    await page.keyboard.press('Escape'); // folds, focus back on the button
    expect(await button.getAttribute('aria-expanded')).toBe('false');
    expect(await input.isVisible()).toBe(false);
    expect(await page.evaluate(() => document.activeElement?.classList.contains('search-open'))).toBe(true);
    // Tapping elsewhere folds it too.
    await button.tap();
    await page.tap('article h1');
    expect(await button.getAttribute('aria-expanded')).toBe('false');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('a control focused from the keyboard is never hidden under the header', async () => {
    const page = await open('/articles/race-conditions/');
    const headerBottom = async () => (await page.locator('.site-header').boundingBox())?.height ?? 0;
    // A heading link scrolled just under the header, then reached backwards with Shift+Tab.
    const links = page.locator('article h2 .heading-link');
    expect(await links.count()).toBeGreaterThan(3);
    const target = links.nth(2);
    await target.evaluate((el) => scrollBy({ top: el.getBoundingClientRect().top - 10, behavior: 'instant' }));
    const covered = await target.evaluate((el) => el.getBoundingClientRect().top);
    expect(covered).toBeLessThan(await headerBottom()); // the setup: it starts under the header
    await target.evaluate((el) => {
      const all = [...document.querySelectorAll<HTMLElement>('a[href], button:not([disabled]), input, select, summary, [tabindex="0"]')]
        .filter((e) => e.getClientRects().length > 0);
      all[all.indexOf(el as HTMLElement) + 1]?.focus({ preventScroll: true });
    });
    await page.keyboard.press('Shift+Tab');
    expect(await target.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.waitForFunction(() => {
      const top = document.activeElement?.getBoundingClientRect().top ?? -1;
      const header = document.querySelector('.site-header')?.getBoundingClientRect().bottom ?? 0;
      return top >= header;
    }, undefined, { timeout: 5000 });
    await page.close();
    // On a fresh page the skip link is the first stop, shows on screen, and leads past the header.
    const fresh = await open('/articles/race-conditions/');
    await fresh.keyboard.press('Tab');
    expect(await fresh.evaluate(() => document.activeElement?.className)).toBe('skip-link');
    const skip = await fresh.locator('.skip-link').boundingBox();
    expect(skip && skip.y >= 0 && skip.y + skip.height <= PHONE.viewport.height).toBe(true);
    await fresh.keyboard.press('Enter');
    await fresh.waitForFunction(() => location.hash === '#main');
    expect(errors).toEqual([]);
    await fresh.close();
  });

  it('the header does not shift when scripts arrive: same box without JavaScript, no shift inside it', async () => {
    for (const url of ['/', '/articles/race-conditions/']) {
      const page = await open(url);
      const withJs = await page.locator('.site-header').boundingBox();
      const shifts = await page.evaluate(() => new Promise<string[]>((resolve) => {
        const found: string[] = [];
        new PerformanceObserver((list) => {
          for (const e of list.getEntries() as (PerformanceEntry & { sources?: { node?: Node | null }[]; value: number })[]) {
            for (const s of e.sources ?? []) {
              const el = s.node instanceof Element ? s.node : s.node?.parentElement;
              if (el?.closest('.site-header')) found.push(`${el.tagName} ${e.value.toFixed(4)}`);
            }
          }
        }).observe({ type: 'layout-shift', buffered: true });
        requestAnimationFrame(() => requestAnimationFrame(() => resolve(found)));
      }));
      expect(shifts, url).toEqual([]);
      const plain = await browser.newContext({ ...PHONE, javaScriptEnabled: false });
      const noJs = await plain.newPage();
      await noJs.goto(baseUrl() + url);
      expect(await noJs.locator('.site-header').boundingBox(), url).toEqual(withJs);
      await plain.close();
      await page.close();
    }
  });

  it('is axe clean at phone size: the folded header, the open search, the step view, light and dark', async () => {
    for (const colorScheme of ['light', 'dark'] as const) {
      // axe is injected as an inline script, which the site's CSP rightly refuses (csp.e2e.ts checks the policy).
      const phone = await browser.newContext({ ...PHONE, colorScheme, bypassCSP: true });
      const page = await phone.newPage();
      await page.goto(baseUrl() + pageOf(RACE), { waitUntil: 'networkidle' });
      expect(await axeViolations(page), `${colorScheme}, folded`).toEqual([]);
      await page.tap('site-search button.search-open');
      await page.keyboard.type('lock');
      await page.locator('site-search .results a').first().waitFor();
      expect(await axeViolations(page, '.site-header'), `${colorScheme}, search open`).toEqual([]);
      await page.keyboard.press('Escape');
      await page.keyboard.press('Escape');
      const scope = `section[data-example-id="${RACE}"]`;
      await hydrated(page, scope);
      await page.tap(`${scope} button.ex-step-open`);
      await page.locator(`${scope} .ex-step[data-step-status="choosing"]:not([aria-busy])`).waitFor({ timeout: 30_000 });
      expect(await axeViolations(page, scope), `${colorScheme}, step view`).toEqual([]);
      await phone.close();
    }
  });

  it('no page scrolls sideways at 390 px', { timeout: 900_000 }, async () => {
    const page = await context.newPage();
    const wide: string[] = [];
    const pages = builtPages();
    expect(pages.length).toBeGreaterThan(20);
    for (const p of pages) {
      await page.goto(baseUrl() + p.url, { waitUntil: 'networkidle' });
      const s = await sideways(page);
      if (s.sideways) wide.push(`${p.url}: ${s.scrollWidth} px in ${s.clientWidth}; ${s.culprits.join(' | ')}`);
    }
    expect(wide).toEqual([]);
    await page.close();
  });
});
