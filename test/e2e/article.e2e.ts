/**
 * The reader's view of an article in real Chromium: it renders, its table of contents lands,
 * heading links copy exact URLs, the theme persists, search finds article-only words, the
 * page is cross-origin isolated, fits 360 px, prints, and reads without JavaScript.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { baseUrl, launch, openPage } from './browser';

const ARTICLE = '/articles/processes-and-threads/';
let browser: Browser;

beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser.close();
});

describe('article page', () => {
  it('renders its title, text, sidebar and table of contents with no console errors', async () => {
    const { page, errors, close } = await openPage(browser, baseUrl() + ARTICLE);
    expect(await page.locator('h1').textContent()).toBe('Processes and threads');
    expect(await page.locator('article h2').count()).toBeGreaterThanOrEqual(4);
    expect(await page.locator('.sidebar a[aria-current="page"]').getAttribute('href')).toBe(ARTICLE);
    expect(await page.locator('.sidebar a[aria-current="page"]').isVisible()).toBe(true); // open on wide screens
    expect(await page.locator('.toc a').count()).toBeGreaterThanOrEqual(4);
    expect(await page.title()).toContain('Processes and threads');
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect(errors).toEqual([]);
    await close();
  });

  it('is cross-origin isolated, so SharedArrayBuffer exists', async () => {
    const { page, close } = await openPage(browser, baseUrl() + ARTICLE);
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
    expect(await page.evaluate(() => typeof SharedArrayBuffer)).toBe('function');
    await close();
  });

  it('every table-of-contents link lands on its section and marks it', async () => {
    const { page, errors, close } = await openPage(browser, baseUrl() + ARTICLE, { viewport: { width: 1400, height: 900 } });
    const hrefs = await page.locator('.toc a').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
    expect(hrefs.length).toBeGreaterThan(3);
    for (const href of hrefs) {
      await page.locator(`.toc a[href="${href}"]`).click();
      const id = decodeURIComponent(href.slice(1));
      await page.waitForFunction((h) => location.hash === h, href);
      // The section's heading is at the top of the viewport, below the sticky header.
      // The section's heading is at the top of the viewport, below the sticky header (or, for the
      // last sections, visible with the page scrolled to its end).
      await page.waitForFunction((i) => {
        const top = document.getElementById(i)?.getBoundingClientRect().top ?? -1;
        const atEnd = Math.ceil(scrollY + innerHeight) >= document.documentElement.scrollHeight - 2;
        return top >= 0 && (top < 200 || (atEnd && top < innerHeight));
      }, id);
    }
    // After the last click the last section is the one marked as being read (scroll-follow).
    const last = hrefs.at(-1) ?? '';
    await page.waitForFunction(
      (h) => document.querySelector(`.toc a[href="${h}"]`)?.getAttribute('aria-current') === 'location' ||
        document.querySelector('.toc a[aria-current="location"]') !== null,
      last,
    );
    expect(errors).toEqual([]);
    await close();
  });

  it('scroll-spy marks the section being read on the race page, not the one before it', async () => {
    const { page, errors, close } = await openPage(browser, `${baseUrl()}/articles/race-conditions/`, { viewport: { width: 1400, height: 900 } });
    const marked = () => page.evaluate(() => document.querySelector('.toc a[aria-current="location"]')?.getAttribute('href'));
    const scrollHeadingTo = async (id: string, top: number) => {
      await page.evaluate(([i, t]) => {
        const el = document.getElementById(i as string)!;
        scrollBy({ top: el.getBoundingClientRect().top - (t as number), behavior: 'instant' });
      }, [id, top] as const);
      // The spy measures on the next frame after the scroll event.
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    };
    await page.waitForFunction(() => document.querySelector('.toc a[aria-current="location"]') !== null);
    // Following the table of contents puts the heading where scroll-padding-top says.
    await page.locator('.toc a[href="#watch-it-happen"]').click();
    await page.waitForFunction(() => Math.abs(document.getElementById('watch-it-happen')!.getBoundingClientRect().top - 72) < 2);
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    expect(await marked()).toBe('#watch-it-happen');
    // The heading just under the sticky header (where the old band, 64 px down, missed it).
    for (const top of [72, 40, 10, -200]) {
      await scrollHeadingTo('watch-it-happen', top);
      expect(await marked(), `heading at ${top} px`).toBe('#watch-it-happen');
    }
    // Halfway through the section (the example), before the next heading (the h3 "Predict, then
    // step", listed in the table of contents too) reaches the top.
    const next = await page.evaluate(() => document.getElementById('predict-then-step')!.getBoundingClientRect().top - document.getElementById('watch-it-happen')!.getBoundingClientRect().top);
    await scrollHeadingTo('watch-it-happen', -next / 2);
    expect(await marked()).toBe('#watch-it-happen');
    await scrollHeadingTo('predict-then-step', 300);
    expect(await marked()).toBe('#watch-it-happen');
    await scrollHeadingTo('predict-then-step', 80);
    expect(await marked()).toBe('#predict-then-step');
    // And on to the next h2.
    await scrollHeadingTo('critical-sections', 300);
    expect(await marked()).toBe('#predict-then-step');
    await scrollHeadingTo('critical-sections', 80);
    expect(await marked()).toBe('#critical-sections');
    // Back up: the previous section again.
    await scrollHeadingTo('watch-it-happen', 200);
    expect(await marked()).toBe('#how-many-lost');
    expect(errors).toEqual([]);
    await close();
  });

  it('the link control puts the exact URL with #id on the clipboard', async () => {
    const { page, errors, close } = await openPage(browser, baseUrl() + ARTICLE);
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseUrl() });
    const link = page.locator('article h2 .heading-link').nth(1);
    const id = await page.locator('article h2').nth(1).getAttribute('id');
    await expect.poll(() => link.isVisible()).toBe(true);
    await link.focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.querySelector('page-enhancements [role=status]')?.textContent?.startsWith('Link copied'));
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toBe(`${baseUrl()}${ARTICLE}#${id}`);
    expect(errors).toEqual([]);
    await close();
  });

  it('the theme choice survives a reload', async () => {
    const { page, errors, close } = await openPage(browser, baseUrl() + ARTICLE, { colorScheme: 'light' });
    const toggle = page.locator('theme-toggle button');
    const bgBefore = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    while ((await toggle.textContent()) !== 'Theme: dark') await toggle.click();
    await page.reload({ waitUntil: 'networkidle' });
    expect(await page.getAttribute('html', 'data-theme')).toBe('dark');
    expect(await toggle.textContent()).toBe('Theme: dark');
    const bgAfter = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(bgAfter).not.toBe(bgBefore);
    // Code blocks follow: Shiki's dark colours apply.
    const codeBg = await page.evaluate(() => getComputedStyle(document.querySelector('pre.astro-code')!).backgroundColor);
    expect(codeBg).toBe('rgb(13, 17, 23)'); // github-dark-default's background
    expect(errors).toEqual([]);
    await close();
  });

  it('follows a dark system setting when nothing was chosen', async () => {
    const { page, close } = await openPage(browser, baseUrl() + ARTICLE, { colorScheme: 'dark' });
    expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(18, 20, 23)');
    await close();
  });

  it('search finds a word that appears only in this article', async () => {
    // The word really is unique to this article among the indexed pages.
    const { builtPages } = await import('../site/pages');
    const withWord = builtPages().filter((p) => p.url.startsWith('/articles/') && p.html.includes('posix_spawn'));
    expect(withWord.map((p) => p.url)).toEqual([ARTICLE]);
    const { page, errors, close } = await openPage(browser, baseUrl() + '/');
    await page.locator('site-search input').fill('posix_spawn');
    const result = page.locator('site-search .results a').first();
    await result.waitFor();
    expect(await result.getAttribute('href')).toContain(ARTICLE);
    expect(await page.locator('site-search [role=status]').textContent()).toMatch(/^\d+ results?$/);
    expect(errors).toEqual([]);
    await close();
  });

  it('has no horizontal scrolling at 360 px wide, and the course list starts folded', async () => {
    const { page, close } = await openPage(browser, baseUrl() + ARTICLE, { viewport: { width: 360, height: 740 } });
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(360);
    expect(await page.locator('.sidebar a').first().isVisible()).toBe(false);
    await page.locator('.sidebar summary').click();
    expect(await page.locator('.sidebar a').first().isVisible()).toBe(true);
    await close();
  });

  it('prints the article alone, with code wrapped in full', async () => {
    const { page, close } = await openPage(browser, baseUrl() + ARTICLE);
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.sidebar').isVisible()).toBe(false);
    expect(await page.locator('.site-header').isVisible()).toBe(false);
    expect(await page.locator('article').isVisible()).toBe(true);
    const pre = await page.evaluate(() => {
      const el = document.querySelector('pre.astro-code')!;
      return { ws: getComputedStyle(el).whiteSpace, overflow: el.scrollWidth - el.clientWidth };
    });
    expect(pre.ws).toBe('pre-wrap');
    expect(pre.overflow).toBeLessThanOrEqual(1);
    await close();
  });

  it('is readable with JavaScript disabled', async () => {
    const { page, close } = await openPage(browser, baseUrl() + ARTICLE, { javaScriptEnabled: false });
    expect(await page.locator('h1').textContent()).toBe('Processes and threads');
    const text = await page.locator('article').innerText();
    expect(text.length).toBeGreaterThan(3000);
    expect(await page.locator('pre.astro-code').count()).toBeGreaterThan(0);
    expect(await page.locator('.toc a').first().isVisible()).toBe(true);
    expect(await page.locator('.sidebar a').count()).toBeGreaterThan(0);
    // Controls that need JS stay out of the way instead of doing nothing.
    expect(await page.locator('site-search form').isVisible()).toBe(false);
    if ((await page.locator('section.example').count()) > 0) {
      expect(await page.locator('.ex-toolbar').first().isVisible()).toBe(false);
      expect(await page.locator('.ex-recorded').first().isVisible()).toBe(true); // the output recorded at build
    }
    expect(await page.locator('theme-toggle button').isVisible()).toBe(false);
    await close();
  });
});

describe('site pages', () => {
  it('the home page lists the articles in order with summaries', async () => {
    const { page, errors, close } = await openPage(browser, baseUrl() + '/');
    const links = await page.locator('.article-list a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(links).toContain(ARTICLE);
    expect(await page.locator('.article-list p').count()).toBe(links.length);
    expect(errors).toEqual([]);
    await close();
  });

  it('an unknown path gets the 404 page with status 404', async () => {
    const res = await fetch(baseUrl() + '/no/such/page/');
    expect(res.status).toBe(404);
    expect(await res.text()).toContain('Page not found');
  });

  it('a sitemap lists the article', async () => {
    const index = await (await fetch(baseUrl() + '/sitemap-index.xml')).text();
    expect(index).toContain('sitemap-0.xml');
    const map = await (await fetch(baseUrl() + '/sitemap-0.xml')).text();
    expect(map).toContain(ARTICLE);
  });
});
