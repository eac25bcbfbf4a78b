/**
 * WOFF 1.0 → sfnt: the decoded fonts are real fonts to resvg (text drawn with them has ink, and a
 * bold word is wider than the same word regular), every table is where the sfnt directory says, and
 * a WOFF2 file is refused with a message that says what to use instead.
 */
import { readFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Resvg } from '@resvg/resvg-js';
import { woffToSfnt } from '../../../src/lib/og/woff.ts';

const require = createRequire(import.meta.url);
const woff = (weight: number) => readFileSync(require.resolve(`@fontsource/ibm-plex-sans/files/ibm-plex-sans-latin-${weight}-normal.woff`));

function inkWidth(fontFile: string, weight: number): number {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="2000" height="200"><text x="0" y="150" font-family="IBM Plex Sans" font-weight="${weight}" font-size="100">Interleave</text></svg>`;
  return new Resvg(svg, { font: { loadSystemFonts: false, fontFiles: [fontFile], defaultFontFamily: 'IBM Plex Sans' } }).getBBox()?.width ?? 0;
}

describe('woffToSfnt', () => {
  const dir = mkdtempSync(join(tmpdir(), 'woff-'));
  const regular = join(dir, 'regular.ttf');
  const bold = join(dir, 'bold.ttf');
  writeFileSync(regular, woffToSfnt(woff(400)));
  writeFileSync(bold, woffToSfnt(woff(700)));

  it('gives fonts resvg draws with, regular and bold', () => {
    const r = inkWidth(regular, 400);
    const b = inkWidth(bold, 700);
    expect(r).toBeGreaterThan(300);
    expect(b).toBeGreaterThan(r);
  });

  it('writes a valid sfnt directory: sorted tags, 4-byte aligned tables inside the file', () => {
    const sfnt = readFileSync(regular);
    const n = sfnt.readUInt16BE(4);
    expect(n).toBe(woff(400).readUInt16BE(12));
    let previous = -1;
    for (let i = 0; i < n; i++) {
      const tag = sfnt.readUInt32BE(12 + i * 16);
      const offset = sfnt.readUInt32BE(12 + i * 16 + 8);
      const length = sfnt.readUInt32BE(12 + i * 16 + 12);
      expect(tag).toBeGreaterThan(previous);
      expect(offset % 4).toBe(0);
      expect(offset + length).toBeLessThanOrEqual(sfnt.length);
      previous = tag;
    }
  });

  it('refuses WOFF2 and says to use the .woff file', () => {
    const woff2 = readFileSync(require.resolve('@fontsource/ibm-plex-sans/files/ibm-plex-sans-latin-400-normal.woff2'));
    expect(() => woffToSfnt(woff2)).toThrow(/WOFF2 needs a Brotli decoder, use the \.woff file/);
  });
});
