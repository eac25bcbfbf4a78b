// @ts-check
/**
 * The service-worker fallback and offline reading (issue 11): builds the page-side registration
 * script (src/offline/register.ts → public/sw-register.js, before pages render, so dev serves it
 * too) and, after the build, the worker itself (src/offline/service-worker.ts → dist/sw.js) with
 * this build's id and the content hash of every file, so it can keep exactly one build. Runs after
 * the Pagefind integration, so the search index is part of the build it describes.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSync } from 'esbuild';

const src = fileURLToPath(new URL('../offline/', import.meta.url));
const publicDir = fileURLToPath(new URL('../../public/', import.meta.url));
/** The page a reader gets offline for a page never opened (src/pages/offline.astro). */
const OFFLINE_PAGE = 'offline/';
/**
 * The editor's chunks (CodeMirror, esbuild-wasm's glue; about 150 KB gzipped) load on Edit only:
 * they are kept when a reader first uses them, like esbuild.wasm, not fetched for every page.
 */
const ON_FIRST_USE = /^_astro\/(?:code-editor|compile-in-browser)\./;

/** @param {string} dir @returns {string[]} */
function walk(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? walk(path.join(dir, d.name)) : [path.join(dir, d.name)],
  );
}

/** URL path (no leading slash) of a built file: pages by their directory, like the servers do. */
function urlPath(/** @type {string} */ rel) {
  if (rel === 'index.html') return '';
  return rel.endsWith('/index.html') ? rel.slice(0, -'index.html'.length) : rel;
}

/**
 * Which files a page may need, closed over the imports between build chunks: what its HTML
 * references (scripts, styles, island components, example modules), what those chunks import
 * statically or lazily (the runner's host), and runtime.js + worker.js for a Run; not the editor.
 * @param {string} html @param {(p: string) => string} read @param {Set<string>} known
 */
export function pageKit(html, read, known) {
  const refs = (/** @type {string} */ text, /** @type {RegExp} */ re) => [...text.matchAll(re)].map((m) => m[1] ?? '');
  const wanted = refs(html, /(?:src|href|component-url|renderer-url|before-hydration-url)="\/([^"#?]+)"/g);
  const examples = refs(html, /\/(_interleave\/[\w./-]+?\.js)\b/g);
  if (examples.length) wanted.push(...examples, '_interleave/runtime.js', '_interleave/worker.js');
  const kit = new Set();
  while (wanted.length) {
    const file = /** @type {string} */ (wanted.pop());
    if (kit.has(file) || !known.has(file) || file.endsWith('/') || ON_FIRST_USE.test(file)) continue;
    kit.add(file);
    // Vite's chunks name each other as "./x.js" (imports) or "_astro/x.js" (preload lists).
    if (file.startsWith('_astro/') && file.endsWith('.js')) {
      for (const dep of refs(read(file), /["'`](?:\.\/|\/?_astro\/)([\w.-]+\.(?:js|css))["'`]/g)) wanted.push(`_astro/${dep}`);
    }
  }
  return [...kit].sort();
}

/** @returns {import('astro').AstroIntegration} */
export function offline() {
  return {
    name: 'interleave:offline',
    hooks: {
      'astro:config:setup': () => {
        mkdirSync(publicDir, { recursive: true });
        buildSync({
          entryPoints: [path.join(src, 'register.ts')],
          outfile: path.join(publicDir, 'sw-register.js'),
          bundle: true,
          minify: true,
          format: 'iife',
          target: 'es2022',
          legalComments: 'none',
        });
      },
      'astro:build:done': ({ dir, logger }) => {
        const dist = fileURLToPath(dir);
        const rels = walk(dist)
          .map((f) => path.relative(dist, f).split(path.sep).join('/'))
          .filter((r) => r !== 'sw.js')
          .sort();
        const read = (/** @type {string} */ rel) => readFileSync(path.join(dist, rel), 'utf8');
        /** @type {[string, string][]} */
        const files = rels.map((rel) => [urlPath(rel), createHash('sha256').update(readFileSync(path.join(dist, rel))).digest('hex').slice(0, 16)]);
        const index = new Map(files.map(([p], i) => [p, i]));
        const known = new Set(index.keys());
        /** @type {Record<string, number[]>} */
        const kits = {};
        for (const rel of rels.filter((r) => r.endsWith('.html'))) {
          kits[urlPath(rel)] = pageKit(read(rel), read, known).map((p) => /** @type {number} */ (index.get(p)));
        }
        if (!(OFFLINE_PAGE in kits)) throw new Error(`offline: the build has no /${OFFLINE_PAGE} page`);
        const id = createHash('sha256').update(JSON.stringify(files)).digest('hex').slice(0, 16);
        const build = { id, files, kits, offline: OFFLINE_PAGE };
        buildSync({
          entryPoints: [path.join(src, 'service-worker.ts')],
          outfile: path.join(dist, 'sw.js'),
          bundle: true,
          minify: true,
          format: 'iife',
          target: 'es2022',
          legalComments: 'none',
          define: { BUILD: JSON.stringify(build) },
        });
        logger.info(`sw.js: build ${id}, ${files.length} files`);
      },
    },
  };
}
