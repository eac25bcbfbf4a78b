/**
 * Links are promises. Every anchor in content/anchors.json must still exist (as an element
 * id on its page, or through a page redirect); every public anchor on the site must be in
 * the manifest, so a new one is promised deliberately (npm run anchors:update).
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { publicIdsIn, readManifest } from '../../scripts/lib/anchors.mjs';
import { attributeValues, builtPages } from './pages';

const redirects = JSON.parse(readFileSync(new URL('../../content/redirects.json', import.meta.url), 'utf8')) as {
  pages: Record<string, string>;
};
const pages = builtPages();
const byUrl = new Map(pages.map((p) => [p.url, p]));
const manifest = readManifest();

describe('anchor manifest', () => {
  it('is not empty', () => {
    expect(manifest.length).toBeGreaterThan(0);
  });

  it('every promised anchor still lands', () => {
    const lost: string[] = [];
    for (const entry of manifest) {
      const [pagePath = '', id = ''] = entry.split('#');
      const target = redirects.pages[pagePath] ?? pagePath;
      const page = byUrl.get(target);
      if (!page || !attributeValues(page.html, 'id').includes(id)) lost.push(entry);
    }
    expect(lost, 'anchors removed without a redirect: add one to content/redirects.json').toEqual([]);
  });

  it('every public anchor on the site is promised in the manifest', () => {
    const unlisted = pages
      .flatMap((p) => publicIdsIn(p.html).map((id) => `${p.url}#${id}`))
      .filter((a) => !manifest.includes(a));
    expect(unlisted, 'new anchors: run `npm run build && npm run anchors:update` and commit content/anchors.json').toEqual([]);
  });
});
