/**
 * The fonts of the link-preview images: IBM Plex Sans (400, 700) and IBM Plex Mono (400), from the
 * @fontsource packages (SIL Open Font License 1.1: free to bundle and embed, the licence travels with
 * the package in node_modules). They are drawn into PNGs, never sent to readers. resvg reads sfnt
 * files only, so each WOFF is decoded once into the cache directory and reused.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { woffToSfnt } from './woff.ts';

// From the project root: this module is bundled into Astro's prerender chunks, where import.meta.url
// no longer points into src/ (like src/lib/examples.ts). Astro always runs from the project root.
const require = createRequire(`${process.cwd()}/package.json`);

/** Family names as the SVG templates write them (the names inside the font files). */
export const SANS = 'IBM Plex Sans';
export const MONO = 'IBM Plex Mono';

const SOURCES = [
  '@fontsource/ibm-plex-sans/files/ibm-plex-sans-latin-400-normal.woff',
  '@fontsource/ibm-plex-sans/files/ibm-plex-sans-latin-700-normal.woff',
  '@fontsource/ibm-plex-mono/files/ibm-plex-mono-latin-400-normal.woff',
];

export interface OgFonts {
  /** Decoded .ttf paths, for resvg's fontFiles. */
  files: string[];
  /** Hash of the font bytes: part of every image's cache key. */
  hash: string;
}

let fonts: OgFonts | undefined;

export function ogFonts(cacheDir: string): OgFonts {
  if (fonts) return fonts;
  const dir = join(cacheDir, 'fonts');
  mkdirSync(dir, { recursive: true });
  const h = createHash('sha256');
  const files = SOURCES.map((spec) => {
    const woff = readFileSync(require.resolve(spec));
    h.update(woff);
    const out = join(dir, `${spec.split('/').pop()?.replace(/\.woff$/, '')}-${createHash('sha256').update(woff).digest('hex').slice(0, 12)}.ttf`);
    if (!existsSync(out)) writeFileSync(out, woffToSfnt(woff));
    return out;
  });
  fonts = { files, hash: h.digest('hex') };
  return fonts;
}
