/**
 * SVG → PNG for the link-preview images, with resvg (Rust, no browser), and a cache keyed by the
 * content: the SVG text, the font bytes and the renderer's version. The cache lives beside the
 * example recordings in .astro/interleave/og/ (gitignored, kept between builds on a developer's
 * machine), so an unchanged page costs one hash and one file read. A fresh clone has no cache and
 * renders every image once: measured in the build-time figures of docs/sharing.md.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import { MONO, SANS, ogFonts } from './fonts.ts';

export { OG_HEIGHT, OG_WIDTH } from './size.ts';

/** Inside Astro's cache folder, like the example recordings (src/lib/examples.ts says why from cwd). */
export const OG_CACHE = join(process.cwd(), '.astro/interleave/og');
/** Cached images not used for this long are removed when a new one is written. */
const KEEP_UNUSED_MS = 14 * 24 * 3600 * 1000;

const resvgVersion = (createRequire(`${process.cwd()}/package.json`)('@resvg/resvg-js/package.json') as { version: string }).version;

function fontOptions() {
  // No system fonts: the image must not depend on the machine that built it.
  return { loadSystemFonts: false, fontFiles: ogFonts(OG_CACHE).files, defaultFontFamily: SANS, monospaceFamily: MONO, sansSerifFamily: SANS };
}

export function renderPng(svg: string): Buffer {
  const key = createHash('sha256').update(resvgVersion).update(ogFonts(OG_CACHE).hash).update(svg).digest('hex');
  const file = join(OG_CACHE, 'png', `${key.slice(0, 32)}.png`);
  if (existsSync(file)) {
    const now = new Date();
    utimesSync(file, now, now);
    return readFileSync(file);
  }
  const png = new Resvg(svg, { font: fontOptions(), fitTo: { mode: 'original' } }).render().asPng();
  mkdirSync(join(OG_CACHE, 'png'), { recursive: true });
  writeFileSync(file, png);
  pruneCache(join(OG_CACHE, 'png'));
  return png;
}

let pruned = false;
/** Once a build: drop images no build has used for two weeks (edited titles leave old ones behind). */
function pruneCache(dir: string): void {
  if (pruned) return;
  pruned = true;
  const cutoff = Date.now() - KEEP_UNUSED_MS;
  for (const name of readdirSync(dir)) {
    const f = join(dir, name);
    if (statSync(f).mtimeMs < cutoff) unlinkSync(f);
  }
}

/** Measuring is done at 100 px and scaled: one measurement per word serves every size. */
const MEASURE_SIZE = 100;
const inkWidths = new Map<string, number>();

/** Right edge of the ink of `text` at 100 px, as resvg draws it with the same fonts. */
function inkWidth(text: string, weight: 400 | 700, family: string): number {
  const key = `${family}|${weight}|${text}`;
  const hit = inkWidths.get(key);
  if (hit !== undefined) return hit;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${MEASURE_SIZE * (text.length + 2)}" height="${MEASURE_SIZE * 2}"><text x="0" y="${MEASURE_SIZE * 1.5}" font-family="${family}" font-weight="${weight}" font-size="${MEASURE_SIZE}">${escapeXml(text)}</text></svg>`;
  const box = new Resvg(svg, { font: fontOptions() }).getBBox();
  const w = box ? box.x + box.width : 0;
  inkWidths.set(key, w);
  return w;
}

/**
 * Width in pixels of one line of text as resvg draws it: the templates wrap and cut text with it,
 * so nothing runs off the image. Built from each word's measured ink and the width of a space (a
 * line's words are measured once and reused across lines and cards; rendering one SVG per candidate
 * line made the measuring cost as much as the drawing). Kerning across a space is ignored: 1% more
 * is added for it.
 */
export function textWidth(text: string, size: number, weight: 400 | 700 = 400, family: string = SANS): number {
  const words = text.split(' ');
  const space = inkWidth('x x', weight, family) - inkWidth('xx', weight, family);
  const sum = words.reduce((s, w) => s + (w === '' ? 0 : inkWidth(w, weight, family)), 0) + space * (words.length - 1);
  return (sum * 1.01 * size) / MEASURE_SIZE;
}

export function escapeXml(s: string): string {
  return s.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c] ?? c);
}
