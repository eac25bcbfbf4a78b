// @ts-check
/**
 * Public anchors: every heading id (h2–h4, class "heading") and every example anchor
 * (id="ex-…") on every article and glossary page, as "/path/#id". Course materials link to
 * these, so content/anchors.json lists them and a test fails when one disappears without
 * a redirect (content/redirects.json).
 */
import { readFileSync } from 'node:fs';

export const MANIFEST = new URL('../../content/anchors.json', import.meta.url);

/** @param {string} html @returns {string[]} */
export function publicIdsIn(html) {
  const ids = [];
  for (const m of html.matchAll(/<h[234]\s[^>]*\bid="([^"]+)"[^>]*\bclass="heading"/g)) ids.push(m[1]);
  for (const m of html.matchAll(/<h[234]\s[^>]*\bclass="heading"[^>]*\bid="([^"]+)"/g)) ids.push(m[1]);
  for (const m of html.matchAll(/<section class="example" id="(ex-[^"]+)"/g)) ids.push(m[1]);
  for (const m of html.matchAll(/\bid="(term-[^"]+)"/g)) ids.push(m[1]);
  return [...new Set(ids.filter((x) => typeof x === 'string'))];
}

/** @returns {string[]} */
export function readManifest() {
  /** @type {{ anchors: string[] }} */
  const data = JSON.parse(readFileSync(MANIFEST, 'utf8'));
  return data.anchors;
}
