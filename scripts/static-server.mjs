// @ts-check
/**
 * A small static file server for the built site (dist/). Used by `npm start` and by the
 * end-to-end tests. It sends the cross-origin isolation headers (so SharedArrayBuffer
 * exists), serves /dir/ as /dir/index.html, and the site's 404 page for unknown paths.
 * `isolation: false` drops them, to test how examples behave on hosts that cannot set headers.
 */
import { createServer } from 'node:http';
import { createReadStream, statSync } from 'node:fs';
import path from 'node:path';
import { isolationHeaders } from '../src/isolation-headers.mjs';

const types = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.wasm': 'application/wasm',
  '.xml': 'application/xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.woff2': 'font/woff2',
};

/** @param {string} file */
function isFile(file) {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

/**
 * @param {{ root: string, port?: number, host?: string, isolation?: boolean }} options
 * @returns {Promise<{ url: string, close(): Promise<void> }>}
 */
export function startStaticServer({ root, port = 0, host = '127.0.0.1', isolation = true }) {
  const base = path.resolve(root);
  const server = createServer((req, res) => {
    const headers = isolation ? { ...isolationHeaders } : {};
    let pathname;
    try {
      pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    } catch {
      res.writeHead(400, headers).end('bad request');
      return;
    }
    const file = path.join(base, pathname);
    // Refuse anything outside dist/ (../ tricks).
    if (!file.startsWith(base)) {
      res.writeHead(403, headers).end('forbidden');
      return;
    }
    let target = file;
    let status = 200;
    if (!isFile(target)) {
      if (isFile(path.join(file, 'index.html'))) {
        if (!pathname.endsWith('/')) {
          res.writeHead(301, { ...headers, Location: `${pathname}/` }).end();
          return;
        }
        target = path.join(file, 'index.html');
      } else {
        target = path.join(base, '404.html');
        status = 404;
      }
    }
    const type = types[/** @type {keyof typeof types} */ (path.extname(target))] ?? 'application/octet-stream';
    // Pages revalidate; assets may be reused for a few minutes, as any static host would (a Run
    // starts workers that load worker.js, runtime.js and the example: no refetch per run).
    const cache = type.startsWith('text/html') ? 'no-cache' : 'public, max-age=300';
    res.writeHead(status, { ...headers, 'Content-Type': type, 'Cache-Control': cache });
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    createReadStream(target).pipe(res);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const address = server.address();
      const actual = typeof address === 'object' && address ? address.port : port;
      resolve({
        url: `http://${host === '0.0.0.0' ? 'localhost' : host}:${actual}`,
        close: () => new Promise((r) => server.close(() => r())),
      });
    });
  });
}
