// @ts-check
/**
 * The inline scripts of the built site and their CSP hashes ('sha256-<base64>' of the exact text
 * between <script> and </script>, which is what the browser hashes). Shared by `npm run
 * headers:update` (which writes them to src/csp-hashes.mjs) and the site test that checks the
 * committed list against the build.
 */
import { createHash } from 'node:crypto';
import { builtPages } from './built-pages.mjs';

/** Script types a browser executes (and so checks against script-src). */
const EXECUTABLE = new Set(['', 'module', 'text/javascript', 'application/javascript']);

/**
 * @param {string} distDir
 * @returns {Map<string, { pages: string[], start: string }>} hash -> the pages carrying it and the script's first characters
 */
export function inlineScripts(distDir) {
  /** @type {Map<string, { pages: string[], start: string }>} */
  const found = new Map();
  for (const { url, html } of builtPages(distDir)) {
    for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)) {
      const attrs = m[1] ?? '';
      const text = m[2] ?? '';
      if (/\bsrc=/.test(attrs)) continue;
      const type = /\btype="([^"]*)"/.exec(attrs)?.[1]?.toLowerCase() ?? '';
      if (!EXECUTABLE.has(type)) continue;
      const hash = `sha256-${createHash('sha256').update(text).digest('base64')}`;
      const entry = found.get(hash) ?? { pages: [], start: text.trim().replace(/\s+/g, ' ').slice(0, 60) };
      entry.pages.push(url);
      found.set(hash, entry);
    }
  }
  return found;
}
