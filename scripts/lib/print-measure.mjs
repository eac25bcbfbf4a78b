// @ts-check
/**
 * Measuring a page as it prints, in Chromium (shared by `npm run report:print` and
 * test/e2e/print.e2e.ts): the A4 PDF's page count, the words that print, the smallest text on
 * paper, and any control (button, form field, navigation) that would print.
 *
 * Page count: Chromium (Skia) writes one `/Type /Page` dictionary per page, uncompressed, and a
 * `/Pages` tree whose root carries `/Count`. Both are read and must agree, so a change in how
 * Chromium writes PDFs fails loudly instead of miscounting.
 */

/** Most A4 pages an article may print to (Chromium), with no text below 10 pt. */
export const PRINT_TARGETS = { deadlocks: 28, 'race-conditions': 24 };

/** 10 pt in CSS px: 1 pt = 1/72 in, 1 px = 1/96 in. */
export const TEN_PT_PX = 10 * (96 / 72);

/** @param {Uint8Array} pdf @returns {number} */
export function countPdfPages(pdf) {
  const text = Buffer.from(pdf).toString('latin1');
  const pages = text.match(/\/Type\s*\/Page(?![A-Za-z])/g)?.length ?? 0;
  // The root of the page tree is the /Pages node with the largest /Count.
  const counts = [...text.matchAll(/\/Type\s*\/Pages\b[^>]*?\/Count\s+(\d+)|\/Count\s+(\d+)[^>]*?\/Type\s*\/Pages\b/g)].map((m) => Number(m[1] ?? m[2]));
  const total = counts.length === 0 ? null : Math.max(...counts);
  if (pages === 0 || (total !== null && total !== pages)) {
    throw new Error(`cannot count the PDF's pages: ${pages} /Type /Page objects, page tree /Count ${total}`);
  }
  return pages;
}

/**
 * Width of A4's printable area (210 mm minus the 14 mm side margins of print.css's @page), in CSS px:
 * the text is measured laid out at the width it prints at (charts scale with it).
 */
export const PRINT_WIDTH_PX = Math.round(((210 - 2 * 14) / 25.4) * 96);

/** Chromium's A4 print: the page's own @page margins apply (preferCSSPageSize). */
export const PDF_OPTIONS = /** @type {const} */ ({ format: 'A4', preferCSSPageSize: true });

/**
 * @typedef {{ words: number, smallestPx: number, smallest: { text: string, where: string }[],
 *   controls: string[], cut: string[] }} PrintFacts
 */

/**
 * Reads, with print media emulated, what prints: the words of `main` (its visible text), the
 * smallest computed font size among elements whose own text shows, and every visible control.
 * Laid out `width` CSS px wide (default: A4's text column); a narrower width checks what a phone's
 * own layout (its media queries) would print.
 * @param {import('playwright-core').Page} page
 * @param {{ width?: number }} [options]
 * @returns {Promise<PrintFacts>}
 */
export async function printFacts(page, { width = PRINT_WIDTH_PX } = {}) {
  const viewport = page.viewportSize();
  await page.setViewportSize({ width, height: viewport?.height ?? 1000 });
  await page.emulateMedia({ media: 'print' });
  try {
    return await page.evaluate(() => {
      /** @param {Element} el */
      const shows = (el) => {
        const r = el.getBoundingClientRect();
        if (r.width === 0 && r.height === 0 && el.getClientRects().length === 0) return false;
        const s = getComputedStyle(el);
        return s.visibility !== 'hidden' && s.display !== 'none' && Number(s.opacity) > 0;
      };
      /** @param {Element} el */
      const where = (el) => {
        const parts = [];
        for (let e = /** @type {Element | null} */ (el); e && e !== document.body && parts.length < 4; e = e.parentElement) {
          parts.unshift(e.tagName.toLowerCase() + (e.classList.length > 0 ? `.${[...e.classList].slice(0, 2).join('.')}` : ''));
        }
        return parts.join(' > ');
      };
      // Visible-text check that skips what print hides: clipped screen-reader text is not on paper.
      /** @param {Element} el */
      const clipped = (el) => el.closest('.visually-hidden') !== null;
      let smallestPx = Infinity;
      /** @type {{ text: string, where: string, px: number }[]} */
      const sizes = [];
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n !== null; n = walker.nextNode()) {
        const text = (n.textContent ?? '').trim();
        const el = n.parentElement;
        if (text === '' || el === null || clipped(el) || !shows(el)) continue;
        // SVG text is sized in the drawing's units: its size on paper is that times the drawing's scale.
        const ctm = el instanceof SVGGraphicsElement ? el.getScreenCTM() : null;
        const px = parseFloat(getComputedStyle(el).fontSize) * (ctm ? Math.hypot(ctm.a, ctm.b) : 1);
        if (px < smallestPx) smallestPx = px;
        sizes.push({ text: text.slice(0, 40), where: where(el), px });
      }
      const smallest = sizes.filter((s) => s.px === smallestPx).slice(0, 5).map(({ text, where }) => ({ text, where }));
      const controls = [...document.querySelectorAll('button, input, select, textarea, form, nav, [role="button"], [role="tablist"], summary')]
        .filter((el) => !clipped(el) && shows(el))
        .map((el) => `${where(el)}: "${(el.textContent ?? '').trim().slice(0, 40)}"`);
      const main = document.querySelector('main') ?? document.body;
      // Nothing may be cut off on paper: no box that scrolls or hides overflow with more inside,
      // nothing wider than the text column (a long line that did not wrap).
      const right = main.getBoundingClientRect().right;
      /** @type {string[]} */
      const cut = [];
      for (const el of main.querySelectorAll('*')) {
        if (clipped(el) || !shows(el) || el.closest('svg')) continue;
        const s = getComputedStyle(el);
        const hiddenY = s.overflowY !== 'visible' && el.scrollHeight > el.clientHeight + 1;
        const hiddenX = s.overflowX !== 'visible' && el.scrollWidth > el.clientWidth + 1;
        const wide = el.getBoundingClientRect().right > right + 1;
        if (hiddenY || hiddenX || wide) cut.push(`${where(el)} (${hiddenY ? 'cut at the bottom' : hiddenX ? 'cut at the side' : 'wider than the page'})`);
      }
      const words = (/** @type {HTMLElement} */ (main).innerText.match(/[\p{L}\p{N}][\p{L}\p{N}'’_.-]*/gu) ?? []).length;
      return { words, smallestPx, smallest, controls, cut };
    });
  } finally {
    await page.emulateMedia({ media: null });
    if (viewport) await page.setViewportSize(viewport);
  }
}
