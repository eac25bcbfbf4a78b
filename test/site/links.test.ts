/** Zero broken internal links: every href to our own site names a page, and its #id exists there. */
import { describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { attributeValues, builtPages, distDir } from './pages';

const pages = builtPages();
const idsByUrl = new Map(pages.map((p) => [p.url, new Set(attributeValues(p.html, 'id'))]));

function resolveTarget(from: string, href: string): { url: string; hash: string } | undefined {
  if (/^(?:[a-z]+:|\/\/)/i.test(href)) return undefined; // external, mailto:, data:
  const u = new URL(href, `http://site${from}`);
  return { url: u.pathname, hash: decodeURIComponent(u.hash.slice(1)) };
}

describe('internal links and anchors', () => {
  it('finds pages to check', () => {
    expect(pages.length).toBeGreaterThanOrEqual(3);
  });

  for (const page of pages) {
    it(`${page.url} has no broken link or anchor`, () => {
      const broken: string[] = [];
      const hrefs = [...attributeValues(page.html, 'href'), ...attributeValues(page.html, 'src')];
      for (const href of hrefs) {
        const target = resolveTarget(page.url, href);
        if (!target) continue;
        const ids = idsByUrl.get(target.url);
        if (!ids) {
          // Not a page: must be a file (CSS, JS, image, sitemap).
          if (!existsSync(path.join(distDir, target.url))) broken.push(`${href} (no such page or file)`);
          continue;
        }
        if (target.hash && !ids.has(target.hash)) broken.push(`${href} (no element with id "${target.hash}")`);
      }
      expect(broken).toEqual([]);
    });
  }
});
