// @ts-check
/**
 * `npm run anchors:update`: adds every public anchor of the built site (dist/) to
 * content/anchors.json. It never removes one: an anchor that disappeared needs a redirect
 * in content/redirects.json (the anchors test says which).
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { MANIFEST, publicIdsIn, readManifest } from './lib/anchors.mjs';
import { builtPages } from './lib/built-pages.mjs';

/** @type {string[]} */
let known = [];
try {
  known = readManifest();
} catch {
  // First run: no manifest yet.
}
const found = builtPages(fileURLToPath(new URL('../dist/', import.meta.url))).flatMap((p) =>
  publicIdsIn(p.html).map((id) => `${p.url}#${id}`),
);
const all = [...new Set([...known, ...found])].sort();
writeFileSync(MANIFEST, JSON.stringify({ $comment: 'Public anchors (page#id). Never remove one without a redirect in redirects.json. Add with npm run anchors:update.', anchors: all }, null, 2) + '\n');
console.log(`content/anchors.json: ${all.length} anchors (${all.length - known.length} new)`);
