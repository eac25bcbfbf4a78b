// @ts-check
/**
 * What a reader on a phone sees, measured from the page's real boxes in Chromium's mobile
 * emulation: how much of the screen the fixed or sticky chrome covers once the page is scrolled,
 * how small the controls of the runnable examples are, and whether a page scrolls sideways.
 * Shared by `npm run report:phone` (scripts/phone-report.mjs) and test/e2e/phone.e2e.ts, so the
 * report and the test measure the same thing. The budgets are docs/phones.md's.
 */

/** A 390×844 phone (an iPhone 12–15's CSS viewport) with a touch screen. */
export const PHONE = Object.freeze({
  viewport: { width: 390, height: 844 },
  hasTouch: true,
  isMobile: true,
  deviceScaleFactor: 3,
});

export const BUDGETS = Object.freeze({
  /** Fixed or sticky chrome once the reader has scrolled: at most this fraction of the screen. */
  chromeFraction: 0.08,
  /** Every control's hit area, CSS px, both ways (WCAG 2.5.5, Apple's and Google's touch guidelines). */
  target: 44,
  /** Pages that scroll sideways. */
  sideways: 0,
});

/**
 * The controls a reader taps in an example: its toolbar, parameters, challenge panel, step and
 * Explore views, the GIL lab. Radio buttons and checkboxes are measured by their label, which is
 * what takes the tap.
 */
export const CONTROLS = ['.ex-runner', '.gil-lab']
  .map((root) => ['button', 'a[href]', 'select', 'summary', 'input:not([type=radio]):not([type=checkbox])', 'label:has(> input[type=radio])', 'label:has(> input[type=checkbox])']
    .map((c) => `${root} ${c}`).join(', '))
  .join(', ');

/**
 * Scrolls down as a reader does (a few steps of a swipe's length, each followed by a rendered
 * frame, so scroll-driven chrome reacts as it would to a finger), then returns the union of the
 * boxes of every element whose computed position is fixed or sticky, clipped to the viewport, as a
 * fraction of the viewport.
 * @param {import('playwright-core').Page} page
 * @param {number} [by] pixels to scroll in all
 * @returns {Promise<{ fraction: number, scrolled: number, boxes: { what: string, top: number, bottom: number, left: number, right: number }[] }>}
 */
export async function chromeAfterScroll(page, by = 1600) {
  for (let done = 0; done < by; done += 400) {
    await page.mouse.wheel(0, 400);
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  }
  // Let a transition (if any) finish: the budget is about where the chrome rests.
  await page.waitForTimeout(400);
  return page.evaluate(() => {
    const vw = document.documentElement.clientWidth;
    const vh = innerHeight;
    /** @type {{ what: string, top: number, bottom: number, left: number, right: number }[]} */
    const boxes = [];
    for (const el of document.body.querySelectorAll('*')) {
      const cs = getComputedStyle(el);
      if (cs.position !== 'fixed' && cs.position !== 'sticky') continue;
      if (cs.visibility === 'hidden' || cs.display === 'none') continue;
      const r = el.getBoundingClientRect();
      const box = { top: Math.max(0, r.top), bottom: Math.min(vh, r.bottom), left: Math.max(0, r.left), right: Math.min(vw, r.right) };
      if (box.bottom <= box.top || box.right <= box.left) continue;
      const what = el.tagName.toLowerCase() + (el.id ? `#${el.id}` : '') + (el.classList.length ? `.${[...el.classList].join('.')}` : '');
      boxes.push({ what, ...box });
    }
    // Union of rectangles on a compressed grid: exact, and there are only a handful of boxes.
    const xs = [...new Set(boxes.flatMap((b) => [b.left, b.right]))].sort((a, b) => a - b);
    const ys = [...new Set(boxes.flatMap((b) => [b.top, b.bottom]))].sort((a, b) => a - b);
    let area = 0;
    for (let i = 0; i + 1 < xs.length; i++) {
      for (let j = 0; j + 1 < ys.length; j++) {
        const cx = ((xs[i] ?? 0) + (xs[i + 1] ?? 0)) / 2;
        const cy = ((ys[j] ?? 0) + (ys[j + 1] ?? 0)) / 2;
        if (boxes.some((b) => b.left <= cx && cx < b.right && b.top <= cy && cy < b.bottom)) {
          area += ((xs[i + 1] ?? 0) - (xs[i] ?? 0)) * ((ys[j + 1] ?? 0) - (ys[j] ?? 0));
        }
      }
    }
    return { fraction: area / (vw * vh), scrolled: scrollY, boxes };
  });
}

/**
 * Every visible control under `scope` (default: the whole page) with its box; the smallest first.
 * @param {import('playwright-core').Page} page
 * @param {string} [scope]
 * @returns {Promise<{ what: string, height: number, width: number }[]>}
 */
export async function controlSizes(page, scope = 'body') {
  return page.evaluate(([selector, within]) => {
    const root = document.querySelector(within ?? 'body');
    if (!root) return [];
    return [...root.querySelectorAll(selector ?? '')]
      .filter((el) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden')
      // A control inside another counted control (a link in a summary) shares its parent's tap.
      .filter((el) => !el.parentElement?.closest(selector ?? ''))
      .map((el) => {
        const r = el.getBoundingClientRect();
        const text = (el.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 40);
        const cls = el.classList.length ? `.${[...el.classList].join('.')}` : '';
        const type = el instanceof HTMLInputElement ? `[type=${el.type}]` : '';
        return { what: `${el.tagName.toLowerCase()}${cls}${type}${text ? ` "${text}"` : ''}`, height: r.height, width: r.width };
      })
      .sort((a, b) => Math.min(a.height, a.width) - Math.min(b.height, b.width));
  }, [CONTROLS, scope]);
}

/**
 * Whether the page scrolls sideways, and if so the elements that stick out furthest (the ones to fix).
 * @param {import('playwright-core').Page} page
 * @returns {Promise<{ scrollWidth: number, clientWidth: number, sideways: boolean, culprits: string[] }>}
 */
export async function sideways(page) {
  return page.evaluate(() => {
    const se = /** @type {HTMLElement} */ (document.scrollingElement ?? document.documentElement);
    const clientWidth = se.clientWidth;
    const scrollWidth = se.scrollWidth;
    /** @type {string[]} */
    let culprits = [];
    if (scrollWidth > clientWidth) {
      // The deepest elements that reach past the right edge, leaving out what a scroll box of its
      // own (a code block, a table) holds: their ancestors only inherit the overflow.
      const clipped = (/** @type {Element} */ el) => {
        for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
          if (getComputedStyle(a).overflowX !== 'visible') return true;
        }
        return false;
      };
      const over = [...document.body.querySelectorAll('*')].filter((el) => el.getBoundingClientRect().right > clientWidth + 0.5 && !clipped(el));
      culprits = over
        .filter((el) => !over.some((o) => o !== el && el.contains(o)))
        .slice(0, 5)
        .map((el) => `${el.tagName.toLowerCase()}${el.classList.length ? `.${[...el.classList].join('.')}` : ''} (right ${Math.round(el.getBoundingClientRect().right)} px): ${(el.textContent ?? '').trim().slice(0, 60)}`);
    }
    return { scrollWidth, clientWidth, sideways: scrollWidth > clientWidth, culprits };
  });
}
