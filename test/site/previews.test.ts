/**
 * Link previews on the built site: every page a reader would share has its Open Graph and Twitter-card
 * tags, with absolute URLs on the site's origin (SITE_URL when the build was given one), and an
 * og:image that exists in dist/, is a PNG of exactly 1200x630 (read from its header), and belongs to
 * that page alone, unless the pages sharing it are one page (an old example id's copy and its new id).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtPages, distDir } from './pages';

/** Pages that are not shared: redirect stubs, the 404 page and the offline stand-in. */
const unshared = (p: { url: string; html: string }) => /http-equiv="refresh"/.test(p.html) || p.url === '/404.html' || p.url === '/offline/';
const pages = builtPages().filter((p) => !unshared(p));

function metas(html: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const m of html.matchAll(/<meta\s+(?:property|name)="([^"]+)"\s+content="([^"]*)"\s*\/?>/g)) {
    const key = m[1] ?? '';
    out.set(key, [...(out.get(key) ?? []), (m[2] ?? '').replaceAll('&amp;', '&')]);
  }
  return out;
}
const canonicalOf = (html: string) => /<link rel="canonical" href="([^"]+)"/.exec(html)?.[1] ?? '';

/** Width and height from a PNG's IHDR chunk (PNG spec 11.2.2), after checking the signature. */
export function pngSize(file: string): { width: number; height: number } {
  const b = readFileSync(file);
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  if (!b.subarray(0, 8).equals(signature)) throw new Error(`${file}: not a PNG (signature ${b.subarray(0, 8).toString('hex')})`);
  if (b.subarray(12, 16).toString('latin1') !== 'IHDR') throw new Error(`${file}: first chunk is not IHDR`);
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
}

const REQUIRED = ['og:type', 'og:site_name', 'og:title', 'og:description', 'og:url', 'og:image', 'og:image:width', 'og:image:height', 'og:image:alt', 'twitter:card'];
const origin = new URL(process.env['SITE_URL'] ?? 'http://localhost:4321').origin;

describe('link previews', () => {
  it('covers the home page, the challenges, the instructors page, every article and every embed', () => {
    const urls = pages.map((p) => p.url);
    for (const u of ['/', '/challenges/', '/instructors/', '/articles/race-conditions/', '/embed/race-conditions/counter-race/']) expect(urls).toContain(u);
    expect(urls.filter((u) => u.startsWith('/embed/')).length).toBeGreaterThan(70);
  });

  for (const page of pages) {
    it(`${page.url}: every tag once, absolute on ${origin}, image a 1200x630 PNG`, () => {
      const m = metas(page.html);
      const problems: string[] = [];
      for (const key of REQUIRED) {
        const values = m.get(key) ?? [];
        if (values.length !== 1 || values[0] === '') problems.push(`${key}: ${values.length} values (${values.join(' | ')})`);
      }
      expect(problems).toEqual([]);
      const one = (k: string) => m.get(k)?.[0] ?? '';
      expect(one('twitter:card')).toBe('summary_large_image');
      expect(['website', 'article']).toContain(one('og:type'));
      expect(one('og:url'), 'og:url is the canonical URL').toBe(canonicalOf(page.html));
      for (const k of ['og:url', 'og:image']) expect(new URL(one(k)).origin, k).toBe(origin);
      expect([one('og:image:width'), one('og:image:height')]).toEqual(['1200', '630']);
      const file = path.join(distDir, new URL(one('og:image')).pathname);
      expect(existsSync(file), `${one('og:image')} is in dist/`).toBe(true);
      expect(pngSize(file)).toEqual({ width: 1200, height: 630 });
    });
  }

  it('no two different pages share an image (an old example id shares its new id’s: they are one page)', () => {
    const byImage = new Map<string, Set<string>>();
    for (const p of pages) {
      const image = metas(p.html).get('og:image')?.[0] ?? '';
      byImage.set(image, (byImage.get(image) ?? new Set()).add(canonicalOf(p.html)));
    }
    const shared = [...byImage].filter(([, canonicals]) => canonicals.size > 1).map(([image, c]) => `${image}: ${[...c].join(', ')}`);
    expect(shared).toEqual([]);
    expect(byImage.size).toBeGreaterThan(90);
  });

  it('the PNG check itself refuses a file that is not a 1200x630 PNG', () => {
    expect(() => pngSize(path.join(distDir, 'favicon.svg'))).toThrow(/not a PNG/);
  });
});
