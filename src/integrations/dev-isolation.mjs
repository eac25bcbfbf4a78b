// @ts-check
/**
 * `npm run dev` must be cross-origin isolated like production, or SharedArrayBuffer is
 * missing while writing examples. Astro answers page requests before Vite's `server.headers`
 * apply, so the headers are set by a middleware on every dev response.
 */
import { isolationHeaders } from '../isolation-headers.mjs';

/** @returns {import('astro').AstroIntegration} */
export function devIsolation() {
  return {
    name: 'interleave:dev-isolation',
    hooks: {
      'astro:server:setup': ({ server }) => {
        server.middlewares.use((_req, res, next) => {
          for (const [name, value] of Object.entries(isolationHeaders)) res.setHeader(name, value);
          next();
        });
      },
    },
  };
}
