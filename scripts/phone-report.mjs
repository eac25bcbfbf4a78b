// @ts-check
/**
 * `npm run report:phone`: the site on a 390×844 touch screen (Chromium's mobile emulation), on the
 * built site (npm run build first; this builds nothing). Prints each figure beside its budget and
 * exits non-zero when one is over (docs/phones.md says why these budgets):
 *   - fixed or sticky chrome once the reader has scrolled: ≤ 8 % of the screen;
 *   - every control of an example (toolbar, parameters, step and Explore views, challenge panel,
 *     GIL lab, embed): ≥ 44 px tall and wide;
 *   - pages that scroll sideways: 0 of every built page.
 */
import { fileURLToPath } from 'node:url';
import { startStaticServer } from './static-server.mjs';
import { launchChromium } from './lib/chromium.mjs';
import { builtPages } from './lib/built-pages.mjs';
import { BUDGETS, PHONE, chromeAfterScroll, controlSizes, sideways } from './lib/phone-measure.mjs';

const RACE = 'race-conditions/counter-race';
const dist = fileURLToPath(new URL('../dist/', import.meta.url));
const pages = builtPages(dist);
const articleOf = (/** @type {string} */ id) => pages.find((p) => p.url.startsWith('/articles/') && p.html.includes(`data-example-id="${id}"`))?.url;
const raceUrl = articleOf(RACE);
const gilUrl = pages.find((p) => p.url.startsWith('/articles/') && p.html.includes('gil-lab'))?.url;
const embedUrl = `/embed/${RACE}/`;
if (!raceUrl || !gilUrl || !pages.some((p) => p.url === embedUrl)) throw new Error('dist/ lacks the race article, the GIL lab or the race embed: run `npm run build` first');

/** @type {{ name: string, value: string, budget: string, ok: boolean, detail?: string[] }[]} */
const rows = [];
const pct = (/** @type {number} */ f) => `${(f * 100).toFixed(1)} %`;

const server = await startStaticServer({ root: dist });
const browser = await launchChromium();
const context = await browser.newContext(PHONE);
const page = await context.newPage();
/** @type {string[]} */
const errors = [];
page.on('pageerror', (e) => errors.push(`${page.url()}: ${e.message}`));
const open = async (/** @type {string} */ url) => {
  await page.goto(server.url + url, { waitUntil: 'networkidle' });
};
const inView = async (/** @type {string} */ selector) => {
  const el = page.locator(selector).first();
  await el.scrollIntoViewIfNeeded();
  return el;
};

try {
  // 1. The chrome once the reader has scrolled, on each kind of page.
  const chromePages = ['/', raceUrl, '/articles/glossary/', '/challenges/', embedUrl, '/404.html', '/offline/'];
  for (const url of chromePages) {
    await open(url);
    const c = await chromeAfterScroll(page);
    rows.push({
      name: `Fixed/sticky chrome after scrolling ${Math.round(c.scrolled)} px, ${url}`,
      value: pct(c.fraction),
      budget: `≤ ${pct(BUDGETS.chromeFraction)}`,
      ok: c.fraction <= BUDGETS.chromeFraction,
      detail: c.boxes.map((b) => `${b.what}: ${Math.round(b.bottom - b.top)} × ${Math.round(b.right - b.left)} px at top ${Math.round(b.top)}`),
    });
  }

  // 2. Controls: every control in each place a reader taps, smallest first.
  /** @param {string} where @param {string} scope */
  const controls = async (where, scope) => {
    const sizes = await controlSizes(page, scope);
    if (sizes.length === 0) throw new Error(`no controls found in ${scope} (${where})`);
    const h = Math.min(...sizes.map((s) => s.height));
    const w = Math.min(...sizes.map((s) => s.width));
    const small = sizes.filter((s) => s.height < BUDGETS.target - 0.5 || s.width < BUDGETS.target - 0.5);
    rows.push({
      name: `Smallest control, ${where} (${sizes.length} controls)`,
      value: `${h.toFixed(1)} px tall, ${w.toFixed(1)} px wide`,
      budget: `≥ ${BUDGETS.target} × ${BUDGETS.target} px`,
      ok: small.length === 0,
      detail: small.map((s) => `${s.what}: ${s.height.toFixed(1)} × ${s.width.toFixed(1)} px`),
    });
  };
  const ex = `section[data-example-id="${RACE}"]`;
  await open(raceUrl);
  await inView(ex);
  await page.locator(`${ex} .ex-runner[data-hydrated]`).waitFor({ timeout: 30_000 });
  await controls(`example toolbar and parameters (${RACE})`, ex);
  await page.tap(`${ex} button.ex-step-open`);
  await page.locator(`${ex} .ex-step[data-step-status="choosing"]:not([aria-busy])`).waitFor({ timeout: 30_000 });
  await page.tap(`${ex} .ex-step-thread[data-thread="1"] button`);
  await page.locator(`${ex} .ex-step[data-steps="1"]:not([aria-busy])`).waitFor({ timeout: 30_000 });
  await controls('step mode (after one step)', `${ex} .ex-step`);
  const stepSideways = await sideways(page);
  rows.push({
    name: `Race article in step mode scrolls sideways (${stepSideways.scrollWidth} px in ${stepSideways.clientWidth})`,
    value: stepSideways.sideways ? 'yes' : 'no',
    budget: 'no',
    ok: !stepSideways.sideways,
    detail: stepSideways.culprits,
  });
  await page.tap(`${ex} button.ex-step-close`);
  await page.tap(`${ex} button.ex-explore-open`);
  await page.locator(`${ex} .ex-explore[data-explore-status="done"]`).waitFor({ timeout: 120_000 });
  await controls('Explore view', `${ex} .ex-explore`);

  await open('/challenges/');
  const challenge = 'section[data-example-id^="challenges/"]';
  await inView(challenge);
  await page.locator(`${challenge} .ex-runner[data-hydrated]`).first().waitFor({ timeout: 30_000 });
  await controls('challenge: toolbar and panel (first challenge)', challenge);

  await open(gilUrl);
  for (const lab of ['.gil-timeline', '.gil-speedup', '.gil-convoy']) {
    await inView(lab);
    await page.locator(`${lab}[data-hydrated]`).waitFor({ timeout: 30_000 });
    await controls(`GIL lab ${lab}`, lab);
  }

  await open(embedUrl);
  await page.locator('.ex-runner[data-hydrated]').waitFor({ timeout: 30_000 });
  await controls(`embed ${embedUrl}`, 'main');

  // 3. Sideways scrolling, every built page, one load each.
  /** @type {string[]} */
  const wide = [];
  for (const p of pages) {
    await open(p.url);
    const s = await sideways(page);
    if (s.sideways) wide.push(`${p.url}: ${s.scrollWidth} px in ${s.clientWidth}; ${s.culprits.join(' | ')}`);
  }
  rows.push({
    name: `Pages that scroll sideways at ${PHONE.viewport.width} px (of ${pages.length} built pages)`,
    value: String(wide.length),
    budget: String(BUDGETS.sideways),
    ok: wide.length <= BUDGETS.sideways,
    detail: wide,
  });
} finally {
  await context.close();
  await browser.close();
  await server.close();
}

console.log(`Phone: ${PHONE.viewport.width}×${PHONE.viewport.height}, touch, Chromium mobile emulation`);
for (const r of rows) {
  console.log(`${r.ok ? 'ok  ' : 'OVER'}  ${r.name}: ${r.value}  (budget ${r.budget})`);
  for (const d of r.detail ?? []) console.log(`        ${d}`);
}
if (errors.length > 0) console.log(`Page errors:\n  ${errors.join('\n  ')}`);
process.exit(rows.every((r) => r.ok) && errors.length === 0 ? 0 : 1);
