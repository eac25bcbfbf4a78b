// @ts-check
/** Every HTML page of a built site with its URL path (shared by scripts and site tests). */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** @param {string} dir @returns {string[]} */
function walk(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const full = path.join(dir, d.name);
    return d.isDirectory() ? walk(full) : [full];
  });
}

/** @param {string} distDir @returns {{ url: string, file: string, html: string }[]} */
export function builtPages(distDir) {
  return walk(distDir)
    .filter((f) => f.endsWith('.html'))
    .map((file) => {
      const rel = path.relative(distDir, file).split(path.sep).join('/');
      const url =
        rel === 'index.html' ? '/' : rel.endsWith('/index.html') ? `/${rel.slice(0, -'index.html'.length)}` : `/${rel}`;
      return { url, file, html: readFileSync(file, 'utf8') };
    })
    .sort((a, b) => a.url.localeCompare(b.url));
}
