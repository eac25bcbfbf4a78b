// @ts-check
/**
 * Build-time hast plugin: on paper a link is only its text, so each article section (everything up
 * to the next h2) ends with a print-only list of the distinct places its links lead, each URL once:
 *
 *   Links in this section
 *   [3] the race conditions article: https://site/articles/race-conditions/
 *
 * and every such link gets a print-only marker "[3]" after it. Numbers run through the article, so
 * a URL used in two sections has one number and is listed in both. Same-page anchors (`#id`) are
 * left out: their target is in the printout. Cross-page links are printed absolute (the site's URL).
 *
 * Why at build time: `a::after { content: attr(href) }` repeats the URL after every link, inline,
 * and a `beforeprint` script would be page-load JavaScript; this costs no script at all and is
 * CSP clean. Screen and screen readers never see it (`.print-only` is display: none on screen), and
 * Pagefind does not index it.
 */
import { pagePathOf } from './heading-links.mjs';

/**
 * A node of the tree as this plugin reads it (satteri's hast, MDX JSX included; like heading-links.mjs
 * it takes the tree untyped and reads only these fields).
 * @typedef {{ type: string, tagName?: string, name?: string, properties?: Record<string, unknown>, attributes?: { type: string, name?: string, value?: unknown }[], children?: Node[], value?: string }} Node
 */

/** @param {Node} n @returns {string | null} */
function hrefOf(n) {
  if (n.type === 'element' && n.tagName === 'a') return typeof n.properties?.href === 'string' ? n.properties.href : null;
  if ((n.type === 'mdxJsxTextElement' || n.type === 'mdxJsxFlowElement') && n.name === 'a') {
    const attr = n.attributes?.find((a) => a.type === 'mdxJsxAttribute' && a.name === 'href');
    return typeof attr?.value === 'string' ? attr.value : null;
  }
  return null;
}

/** @param {Node} n @returns {string} */
function textOf(n) {
  if (n.type === 'text' || n.type === 'inlineCode') return n.value ?? '';
  return (n.children ?? []).map(textOf).join('');
}

/**
 * The printed form of a link, or null when it needs none (a same-page anchor, mail, script).
 * @param {string} href @param {URL} page
 */
export function printedUrl(href, page) {
  if (href.startsWith('#')) return null;
  let url;
  try {
    url = new URL(href, page);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  // The same page, only another place on it: that place is printed too.
  if (url.origin === page.origin && url.pathname === page.pathname && url.search === '') return null;
  return url.href;
}

/** @param {string} tagName @param {string[]} classes @param {import('hast').ElementContent[]} [children] @param {import('hast').Properties} [extra] @returns {import('hast').Element} */
const el = (tagName, classes, children = [], extra = {}) => ({
  type: 'element',
  tagName,
  properties: { ...(classes.length > 0 ? { className: classes } : {}), ...extra },
  children,
});
/** @param {string} value @returns {import('hast').Text} */
const txt = (value) => ({ type: 'text', value });

/** @param {{ site: string }} options */
export function printLinks({ site }) {
  return {
    name: 'interleave:print-links',
    /** @param {any} root @param {import('satteri').HastVisitorContext} ctx */
    after(root, ctx) {
      const path = pagePathOf(ctx.fileURL);
      if (path === undefined) return; // only articles are printed as documents
      const page = new URL(path, site);
      /** @type {Map<string, number>} */
      const numbers = new Map();
      /** @type {{ before: any, links: Map<string, string> }[]} */
      const sections = [{ before: null, links: new Map() }];
      /** @param {any} n */
      const walk = (n) => {
        for (const c of /** @type {any[]} */ (n.children ?? [])) {
          const href = hrefOf(c);
          const url = href === null ? null : printedUrl(href, page);
          if (url !== null) {
            if (!numbers.has(url)) numbers.set(url, numbers.size + 1);
            const section = /** @type {(typeof sections)[number]} */ (sections.at(-1));
            if (!section.links.has(url)) section.links.set(url, textOf(c).trim());
            ctx.insertAfter(c, el('sup', ['print-only', 'print-ref'], [txt(`[${numbers.get(url)}]`)], { ariaHidden: 'true' }));
          } else walk(c);
        }
      };
      for (const c of root.children) {
        if (c.type === 'element' && c.tagName === 'h2') sections.push({ before: c, links: new Map() });
        else walk(c);
      }
      // Each section's list goes right before the heading that ends it (the last one at the end).
      sections.forEach((s, i) => {
        if (s.links.size === 0) return;
        const list = el('div', ['print-only', 'print-links'], [
          el('p', ['print-links-title'], [txt('Links in this section')]),
          el('ul', [], [...s.links].map(([url, text]) => el('li', [], [txt(`[${numbers.get(url)}] ${text ? `${text}: ` : ''}${url}`)]))),
        ], { dataPagefindIgnore: '' });
        const next = sections[i + 1]?.before;
        if (next) ctx.insertBefore(next, list);
        else ctx.appendChild(root, list);
      });
    },
  };
}
