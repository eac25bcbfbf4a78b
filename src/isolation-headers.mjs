/**
 * The one source of truth for the HTTP headers the site is served with, by every server and host
 * config the project ships: `npm start` and the test server (scripts/static-server.mjs), `npm run dev`
 * (src/integrations/dev-isolation.mjs), public/_headers (Netlify, Cloudflare Pages), vercel.json and
 * deploy/nginx.conf (the last three generated from here by `npm run headers:update`, and compared
 * with it by test/site/host-configs.test.ts). Plain ESM with no Node or DOM API, so a service worker
 * can import it too. Why each header is here, and the style-src decision: docs/hosting.md.
 */
import { inlineScriptHashes } from './csp-hashes.mjs';

/**
 * SharedArrayBuffer exists only in a cross-origin isolated page: COOP same-origin + COEP
 * require-corp. CORP same-origin lets our own files load under require-corp.
 */
export const isolationHeaders = Object.freeze({
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Cross-Origin-Resource-Policy': 'same-origin',
});

/**
 * /embed/<id>/ lives in an iframe of a course page (an LMS) that is not isolated, and COOP/COEP
 * only isolate a frame whose top-level page is isolated too. Document-Isolation-Policy (Chromium
 * 137+) isolates this one document whatever its parent does; browsers without it ignore it and the
 * example offers "Open in a new tab".
 */
export const embedHeaders = Object.freeze({
  'Document-Isolation-Policy': 'isolate-and-require-corp',
});

/** Paths that get embedHeaders: every page under /embed/. */
export const EMBED_PREFIX = '/embed/';

/**
 * The Content-Security-Policy, one value for every response (the worker script's response gives the
 * worker its policy, so it matters beyond pages).
 * - script-src: our own files; the few inline scripts that must stay inline, by hash (the theme is
 *   applied before first paint, and Astro's island loader; src/csp-hashes.mjs, generated from the
 *   build); 'wasm-unsafe-eval' for WebAssembly (Pagefind's search, esbuild-wasm after Edit); blob:
 *   because an edited example is compiled in the page and imported by the worker as a blob: module.
 *   Never 'unsafe-inline' or 'unsafe-eval'.
 * - worker-src blob:: esbuild-wasm starts its compile worker from a blob: URL.
 * - connect-src blob:: a worker reads an edited example's blob: module again to map an exception's
 *   stack through its inline source map (src/runtime/sourcemap.ts), so a traceback names the TS line.
 * - style-src 'unsafe-inline': Shiki colours tokens with style="" attributes (tens of thousands),
 *   CodeMirror injects <style> elements, Astro inlines small stylesheets. Styles cannot run code.
 * - frame-ancestors *: embedding is what /embed/ is for, and course tools (Canvas, Moodle) also frame
 *   whole article pages; nothing on the site acts on a reader's behalf, so framing cannot be abused.
 *   One value for every path also keeps every host config simple (Cloudflare Pages joins the values
 *   of overlapping rules, which would intersect two policies).
 */
export const cspDirectives = Object.freeze({
  'default-src': ["'self'"],
  'script-src': ["'self'", "'wasm-unsafe-eval'", 'blob:', ...inlineScriptHashes.map((h) => `'${h}'`)],
  'worker-src': ["'self'", 'blob:'],
  'connect-src': ["'self'", 'blob:'],
  'style-src': ["'self'", "'unsafe-inline'"],
  'img-src': ["'self'", 'data:'],
  'object-src': ["'none'"],
  'base-uri': ["'self'"],
  'form-action': ["'self'"],
  'frame-ancestors': ['*'],
});

export const contentSecurityPolicy = Object.entries(cspDirectives)
  .map(([name, values]) => `${name} ${values.join(' ')}`)
  .join('; ');

/** Sent with every response, beside the isolation headers. */
export const securityHeaders = Object.freeze({
  'Content-Security-Policy': contentSecurityPolicy,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'strict-origin-when-cross-origin',
});

/**
 * Caching. Astro's /_astro/ files have a content hash in their names: cache them for good. Pages
 * revalidate. /_interleave/ (the runtime, worker and examples a Run loads) keeps its names from
 * build to build but may be reused for five minutes: revalidating it on every Run costs three
 * conditional requests before the first output line (measured: median first output 50-67 ms with
 * no-cache against 38 ms, over the 50 ms budget). The price is a five-minute window after a deploy
 * in which a returning reader could mix files from two builds.
 */
export const cacheRules = Object.freeze({
  immutable: Object.freeze({ prefix: '/_astro/', value: 'public, max-age=31536000, immutable' }),
  runtime: Object.freeze({ prefix: '/_interleave/', value: 'public, max-age=300' }),
  pages: 'no-cache',
});

/**
 * Every header for a response to `pathname`, except Cache-Control (which depends on the file type
 * too; see scripts/static-server.mjs) and the ones a server adds itself.
 * @param {string} pathname
 * @returns {Record<string, string>}
 */
export function headersFor(pathname) {
  return {
    ...isolationHeaders,
    ...securityHeaders,
    ...(pathname.startsWith(EMBED_PREFIX) ? embedHeaders : {}),
  };
}
