/**
 * Printing (src/styles/print.css, src/integrations/print-links.mjs), in Chromium: the two long
 * articles fit their A4 page budgets (deadlocks <= 28, race-conditions <= 24) with no text below
 * 10 pt and nothing cut off; no button, form field or navigation prints, on articles, the challenges
 * page and the home page; each section's link URLs are listed once; the first page says where the
 * article lives. Page counts are deterministic for a given build, so they are asserted; the time it
 * takes is not. `npm run report:print` prints the same figures for every article.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { baseUrl, launch, openPage } from './browser';
import { PDF_OPTIONS, PRINT_TARGETS, TEN_PT_PX, countPdfPages, printFacts } from '../../scripts/lib/print-measure.mjs';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser.close();
});

describe('print', () => {
  for (const [slug, target] of Object.entries(PRINT_TARGETS)) {
    it(`/articles/${slug}/ prints on at most ${target} A4 pages, nothing below 10 pt, nothing cut off`, async () => {
      const { page, errors, close } = await openPage(browser, `${baseUrl()}/articles/${slug}/`);
      const facts = await printFacts(page);
      const pages = countPdfPages(await page.pdf(PDF_OPTIONS));
      console.log(`${slug}: ${pages} A4 pages, ${facts.words} words printed, smallest text ${(facts.smallestPx * 0.75).toFixed(2)} pt`);
      expect(pages).toBeLessThanOrEqual(target);
      // A page budget met by dropping the text would be no win: most of the article still prints.
      expect(facts.words).toBeGreaterThan(5000);
      expect(facts.smallestPx, JSON.stringify(facts.smallest)).toBeGreaterThanOrEqual(TEN_PT_PX - 0.01);
      expect(facts.cut).toEqual([]);
      expect(facts.controls).toEqual([]);
      expect(errors).toEqual([]);
      await close();
    });
  }

  for (const path of ['/articles/the-gil/', '/challenges/', '/instructors/', '/']) {
    it(`${path}: no button, form, field or navigation prints, and no text below 10 pt`, async () => {
      const { page, errors, close } = await openPage(browser, baseUrl() + path);
      // Hydrate every island first (they render their toolbars, parameter forms and verify box).
      await page.evaluate(async () => {
        for (const el of document.querySelectorAll('astro-island')) {
          el.scrollIntoView();
          await new Promise((r) => requestAnimationFrame(() => r(null)));
        }
      });
      await page.waitForLoadState('networkidle');
      expect(await page.locator('button').count(), 'the page has controls to hide').toBeGreaterThan(0);
      const facts = await printFacts(page);
      expect(facts.controls).toEqual([]);
      expect(facts.smallestPx, JSON.stringify(facts.smallest)).toBeGreaterThanOrEqual(TEN_PT_PX - 0.01);
      expect(facts.cut).toEqual([]);
      expect(errors).toEqual([]);
      await close();
    });
  }

  it('examples, code and output may split across pages; only small units keep together', async () => {
    const { page, close } = await openPage(browser, `${baseUrl()}/articles/deadlocks/`);
    await page.emulateMedia({ media: 'print' });
    const r = await page.evaluate(() => {
      const rule = (sel: string) => [...new Set([...document.querySelectorAll(sel)].map((el) => getComputedStyle(el).breakInside))];
      return { examples: rule('section.example'), code: rule('section.example pre, .ex-output-text'), verdicts: rule('.ex-verdict') };
    });
    // Before print.css every example box was break-inside: avoid, and Chromium left the page before it half blank.
    expect(r.examples).toEqual(['auto']);
    expect(r.code).toEqual(['auto']);
    expect(r.verdicts).toEqual(['avoid']);
    await close();
  });

  it('printed from a phone (390 x 844, touch, the one-row header with its search opened): the same pages, no control prints', async () => {
    const phone = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 3 };
    const desktop = await openPage(browser, `${baseUrl()}/articles/race-conditions/`);
    const desktopPages = countPdfPages(await desktop.page.pdf(PDF_OPTIONS));
    await desktop.close();
    const { page, errors, close } = await openPage(browser, `${baseUrl()}/articles/race-conditions/`, phone);
    // The phone header: search folded into a button; open it, as a reader about to print might have.
    await page.locator('site-search button.search-open').tap();
    await page.locator('site-search[data-open] form').waitFor();
    // Laid out at the phone's own width (its media queries apply), nothing that only works on screen shows.
    const facts = await printFacts(page, { width: 390 });
    expect(facts.controls).toEqual([]);
    expect(facts.smallestPx, JSON.stringify(facts.smallest)).toBeGreaterThanOrEqual(TEN_PT_PX - 0.01);
    // On paper the page is A4 wide whatever the screen was: the same document.
    expect(countPdfPages(await page.pdf(PDF_OPTIONS))).toBe(desktopPages);
    expect(errors).toEqual([]);
    await close();
  });

  it('lists each section\'s link URLs once, marks each link, and names the page and its date on top; none of it on screen', async () => {
    const { page, close } = await openPage(browser, `${baseUrl()}/articles/deadlocks/`);
    // On screen: nothing of it shows (and screen readers get none of it).
    expect(await page.locator('.print-links:visible, .print-ref:visible, .print-source:visible').count()).toBe(0);
    await page.emulateMedia({ media: 'print' });
    const r = await page.evaluate(() => {
      const article = document.querySelector('main article') as HTMLElement;
      const lists = [...article.querySelectorAll('.print-links')].map((l) => [...l.querySelectorAll('li')].map((li) => li.textContent ?? ''));
      const urlOf = (line: string) => line.slice(line.lastIndexOf(' ') + 1);
      // Every link that leaves the page (another page, or this one with a query) and where it is listed.
      const links = [...article.querySelectorAll<HTMLAnchorElement>('a[href]')].filter((a) => {
        const u = new URL(a.href);
        return !(u.pathname === location.pathname && u.search === '') && !a.closest('.example, code-tabs');
      });
      const unlisted = links.filter((a) => {
        const path = new URL(a.href).pathname + new URL(a.href).search + new URL(a.href).hash;
        return !lists.flat().some((line) => urlOf(line).endsWith(path));
      });
      const marked = links.every((a) => a.nextElementSibling?.matches('sup.print-ref') === true);
      const source = article.querySelector('.print-source');
      return {
        lists,
        duplicates: lists.filter((l) => new Set(l.map(urlOf)).size !== l.length),
        unlisted: unlisted.map((a) => a.href),
        marked,
        links: links.length,
        source: source?.textContent ?? null,
        sourceFirst: source !== null && source.compareDocumentPosition(article.querySelector('h2') as Element) === Node.DOCUMENT_POSITION_FOLLOWING,
        sourceShows: source !== null && getComputedStyle(source).display !== 'none',
      };
    });
    expect(r.links).toBeGreaterThan(10);
    expect(r.lists.length).toBeGreaterThan(3);
    expect(r.duplicates).toEqual([]);
    expect(r.unlisted).toEqual([]);
    expect(r.marked).toBe(true);
    expect(r.lists.flat().some((l) => /^\[\d+\] .*: https?:\/\/\S+\/articles\/glossary\/#term-deadlock$/.test(l))).toBe(true);
    expect(r.sourceShows && r.sourceFirst).toBe(true);
    expect(r.source).toMatch(/Online, with every example runnable: https?:\/\/\S+\/articles\/deadlocks\/\. Versions and defaults checked on \d{1,2} \w+ 20\d\d\./);
    await close();
  });
});
