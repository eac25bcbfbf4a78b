// @ts-check
/**
 * Build-time hast plugin for article headings (runs in Astro's Sätteri pipeline).
 *
 * - Every h2–h4 must carry an id written in the source (`## Title {#id}`); a missing one fails
 *   the build, because an id derived from the text would break course links on rewording.
 * - Each heading gets a visible "link to this section" control: a real link to `#id`, which
 *   src/components/chrome/heading-link script upgrades to copy the full URL.
 * - Anchors that moved keep working without JavaScript: for every entry in
 *   content/redirects.json `anchors` that points at this heading, an empty element with the
 *   old id is placed right before it.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const redirectsFile = new URL('../../content/redirects.json', import.meta.url);

/** @returns {Map<string, string[]>} key `/articles/slug/#newId` → old ids */
function loadAliases() {
  /** @type {{ anchors: Record<string, string> }} */
  const data = JSON.parse(readFileSync(redirectsFile, 'utf8'));
  const aliases = new Map();
  for (const [from, toId] of Object.entries(data.anchors)) {
    const [page, oldId] = from.split('#');
    if (!page || !oldId) throw new Error(`content/redirects.json: anchor key "${from}" must look like /path/#old-id`);
    const key = `${page}#${toId}`;
    aliases.set(key, [...(aliases.get(key) ?? []), oldId]);
  }
  return aliases;
}

/** content/articles/<slug>.mdx → /articles/<slug>/ @param {URL | undefined} fileURL */
export function pagePathOf(fileURL) {
  if (!fileURL) return undefined;
  const file = fileURLToPath(fileURL);
  const rel = path.relative(fileURLToPath(new URL('../../content/articles/', import.meta.url)), file);
  if (rel.startsWith('..')) return undefined;
  return `/articles/${rel.replace(/\.mdx?$/, '').split(path.sep).join('/')}/`;
}

export function headingLinks() {
  return {
    name: 'interleave:heading-links',
    element: {
      filter: ['h2', 'h3', 'h4'],
      /** @param {any} node @param {import('satteri').HastVisitorContext} ctx */
      visit(node, ctx) {
        const id = node.properties?.id;
        const text = ctx.textContent(node).trim();
        const page = pagePathOf(ctx.fileURL);
        if (typeof id !== 'string' || id === '') {
          throw new Error(
            `${ctx.fileURL ? fileURLToPath(ctx.fileURL) : 'article'}: heading "${text}" has no explicit id. ` +
              `Write it as "## ${text} {#some-stable-id}".`,
          );
        }
        ctx.setProperty(node, 'className', ['heading']);
        ctx.appendChild(node, {
          type: 'element',
          tagName: 'a',
          properties: { className: ['heading-link'], href: `#${id}`, ariaLabel: `Link to this section: ${text}` },
          children: [],
        });
        if (page) {
          for (const oldId of loadAliases().get(`${page}#${id}`) ?? []) {
            ctx.insertBefore(node, {
              type: 'element',
              tagName: 'span',
              properties: { id: oldId, className: ['anchor-alias'] },
              children: [],
            });
          }
        }
      },
    },
  };
}
