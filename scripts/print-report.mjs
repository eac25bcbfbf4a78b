// @ts-check
/**
 * `npm run report:print` (after `npm run build`): every article printed to A4 PDF by Chromium, as a
 * reader's "Print" would, against the built site served with its real headers. Prints pages and
 * printed words per article, the smallest text on paper (it must not be below 10 pt), any control
 * that prints, and the issue's targets: deadlocks <= 28 pages, race-conditions <= 24. Exits 1 when
 * a target is missed, so it can guard a release; test/e2e/print.e2e.ts asserts the same in npm test.
 *
 * Options: --root <dir> measures another build (e.g. a copy of an older dist/ for a before/after),
 * --pdf-dir <dir> (default test-results/print/) keeps the PDFs, to look at them; article slugs
 * given as arguments (`npm run report:print -- deadlocks`) limit it to those.
 */
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startStaticServer } from './static-server.mjs';
import { launchChromium } from './lib/chromium.mjs';
import { PDF_OPTIONS, PRINT_TARGETS, TEN_PT_PX, countPdfPages, printFacts } from './lib/print-measure.mjs';

const argv = process.argv.slice(2);
/** @param {string} name @param {string} fallback */
const option = (name, fallback) => {
  const i = argv.indexOf(name);
  return i >= 0 && argv[i + 1] !== undefined ? /** @type {string} */ (argv[i + 1]) : fallback;
};
const root = path.resolve(option('--root', fileURLToPath(new URL('../dist/', import.meta.url))));
const pdfDir = path.resolve(option('--pdf-dir', fileURLToPath(new URL('../test-results/print/', import.meta.url))));
const only = argv.filter((a, i) => !a.startsWith('--') && !argv[i - 1]?.startsWith('--'));
const slugs = readdirSync(path.join(root, 'articles'), { withFileTypes: true })
  .filter((d) => d.isDirectory() && (only.length === 0 || only.includes(d.name)))
  .map((d) => d.name)
  .sort();

const server = await startStaticServer({ root });
const browser = await launchChromium();
const pt = (/** @type {number} */ px) => `${(px * 0.75).toFixed(2)} pt`;
let missed = 0;
try {
  mkdirSync(pdfDir, { recursive: true });
  console.log(`Print, A4, Chromium ${browser.version()}: ${root}\n`);
  console.log(`${'article'.padEnd(28)} ${'pages'.padStart(6)} ${'words'.padStart(7)} ${'words/page'.padStart(11)} ${'smallest text'.padStart(14)}  target`);
  let pagesTotal = 0;
  let wordsTotal = 0;
  let smallestPx = Infinity;
  /** @type {string[]} */
  const notes = [];
  for (const slug of slugs) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${server.url}/articles/${slug}/`, { waitUntil: 'networkidle' });
    const facts = await printFacts(page);
    const pdf = await page.pdf(PDF_OPTIONS);
    writeFileSync(path.join(pdfDir, `${slug}.pdf`), pdf);
    const pages = countPdfPages(pdf);
    await context.close();
    pagesTotal += pages;
    wordsTotal += facts.words;
    smallestPx = Math.min(smallestPx, facts.smallestPx);
    const target = /** @type {Record<string, number>} */ (PRINT_TARGETS)[slug];
    const verdict = target === undefined ? '' : pages <= target ? `<= ${target}: met` : `<= ${target}: MISSED`;
    if (target !== undefined && pages > target) missed++;
    if (facts.smallestPx < TEN_PT_PX - 0.01) {
      missed++;
      notes.push(`  ${slug}: text below 10 pt (${pt(facts.smallestPx)}): ${facts.smallest.map((s) => `${s.where} "${s.text}"`).join('; ')}`);
    }
    if (facts.cut.length > 0) {
      missed++;
      notes.push(`  ${slug}: ${facts.cut.length} boxes cut off or too wide, e.g. ${facts.cut.slice(0, 3).join('; ')}`);
    }
    if (facts.controls.length > 0) notes.push(`  ${slug}: ${facts.controls.length} controls print, e.g. ${facts.controls.slice(0, 3).join('; ')}`);
    console.log(`${slug.padEnd(28)} ${String(pages).padStart(6)} ${String(facts.words).padStart(7)} ${(facts.words / pages).toFixed(0).padStart(11)} ${pt(facts.smallestPx).padStart(14)}  ${verdict}`);
  }
  console.log(`${'all articles'.padEnd(28)} ${String(pagesTotal).padStart(6)} ${String(wordsTotal).padStart(7)} ${(wordsTotal / pagesTotal).toFixed(0).padStart(11)} ${pt(smallestPx).padStart(14)}`);
  if (notes.length > 0) console.log(`\n${notes.join('\n')}`);
  console.log(`\nPDFs: ${pdfDir}`);
  console.log(missed === 0 ? 'Targets met, no text below 10 pt.' : `${missed} target(s) missed.`);
} finally {
  await browser.close();
  await server.close();
}
process.exit(missed === 0 ? 0 : 1);
