// @ts-check
/**
 * `npm run dev` must be served like production: cross-origin isolated, or SharedArrayBuffer is
 * missing while writing examples, with Document-Isolation-Policy on /embed/, and with the site's
 * Content-Security-Policy. Astro answers page requests before Vite's `server.headers` apply, so the
 * headers are set by a middleware on every dev response.
 *
 * The CSP is sent as Content-Security-Policy-Report-Only in dev: the dev server serves a different
 * page from the build (Vite's client, unbundled modules, dev-only inline scripts whose hashes the
 * policy cannot know), so enforcing it would break dev without saying anything about production.
 * Report-only still prints every violation in the browser console while writing.
 */
import { headersFor } from '../isolation-headers.mjs';

/**
 * The dev server's headers for one request path.
 * @param {string} pathname
 * @returns {Record<string, string>}
 */
export function devHeaders(pathname) {
  const { 'Content-Security-Policy': csp, ...rest } = headersFor(pathname);
  return csp ? { ...rest, 'Content-Security-Policy-Report-Only': csp } : rest;
}

/** @returns {import('astro').AstroIntegration} */
export function devIsolation() {
  return {
    name: 'interleave:dev-isolation',
    hooks: {
      'astro:server:setup': ({ server }) => {
        server.middlewares.use((req, res, next) => {
          const pathname = new URL(req.url ?? '/', 'http://dev').pathname;
          for (const [name, value] of Object.entries(devHeaders(pathname))) res.setHeader(name, value);
          next();
        });
      },
    },
  };
}
