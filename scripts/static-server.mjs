// @ts-check
/**
 * A small static file server for the built site (dist/). Used by `npm start` and by the
 * end-to-end tests. It sends the headers of src/isolation-headers.mjs (cross-origin isolation, so
 * SharedArrayBuffer exists; Document-Isolation-Policy on /embed/; the Content-Security-Policy),
 * serves /dir/ as /dir/index.html, and the site's 404 page for unknown paths.
 * `isolation: false` sends none of them, to test how examples behave on hosts that cannot set headers.
 * `cspReports: true` (tests only) adds `report-uri` to the policy and keeps what browsers report there:
 * the one way to hear of a violation in an engine whose automation cannot listen inside the page
 * before it loads (WebKit's WebDriver), and it hears workers' violations too. Enforcement is the same.
 */
import { createServer } from 'node:http';
import { createReadStream, readFileSync, statSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import path from 'node:path';
import { cacheRules, headersFor } from '../src/isolation-headers.mjs';

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

/** The file's stats if it is a regular file, else null (one stat serves the lookup and Last-Modified). @param {string} file */
function fileStats(file) {
  try {
    const st = statSync(file);
    return st.isFile() ? st : null;
  } catch {
    return null;
  }
}

/**
 * The caching rule of src/isolation-headers.mjs (which says why), the same as the host configs:
 * hashed /_astro/ files forever, pages revalidated, everything else (the runtime and examples under
 * /_interleave/, the search index) reused for five minutes.
 * @param {string} pathname @param {string} type
 */
export function cacheControl(pathname, type) {
  if (type.startsWith('text/html')) return cacheRules.pages;
  if (pathname.startsWith(cacheRules.immutable.prefix)) return cacheRules.immutable.value;
  return cacheRules.runtime.value;
}

/**
 * Text is sent gzipped when the browser accepts it, as every static host does (an article is about
 * 290 KB of HTML, 38 KB gzipped; Lighthouse measures the difference). Each file is compressed once
 * and kept while its mtime stays the same. esbuild.wasm (14 MB) goes as is: compressing it on the fly
 * would cost more than loopback saves.
 */
const COMPRESSIBLE = /^(text\/|application\/(javascript|json|xml)|image\/svg)/;
/** @type {Map<string, { mtimeMs: number, body: Buffer }>} */
const gzipped = new Map();
/** @param {string} file @param {number} mtimeMs */
function gzippedFile(file, mtimeMs) {
  const hit = gzipped.get(file);
  if (hit?.mtimeMs === mtimeMs) return hit.body;
  const body = gzipSync(readFileSync(file));
  gzipped.set(file, { mtimeMs, body });
  return body;
}

/** Where browsers send CSP reports when `cspReports` is on; GET it for what came, DELETE to forget. */
export const CSP_REPORTS_PATH = '/__csp-reports';

/**
 * @param {{ root: string, port?: number, host?: string, isolation?: boolean, cspReports?: boolean }} options
 * @returns {Promise<{ url: string, close(): Promise<void> }>}
 */
export function startStaticServer({ root, port = 0, host = '127.0.0.1', isolation = true, cspReports = false }) {
  const base = path.resolve(root);
  /** @type {unknown[]} */
  const reports = [];
  const server = createServer((req, res) => {
    if (cspReports && req.url === CSP_REPORTS_PATH) {
      answerCspReports(req, res, reports);
      return;
    }
    let pathname;
    try {
      pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    } catch {
      res.writeHead(400, isolation ? headersFor('/') : {}).end('bad request');
      return;
    }
    const headers = isolation ? headersFor(pathname) : {};
    if (cspReports && headers['Content-Security-Policy']) headers['Content-Security-Policy'] += `; report-uri ${CSP_REPORTS_PATH}`;
    const file = path.join(base, pathname);
    // Refuse anything outside dist/ (../ tricks).
    if (!file.startsWith(base)) {
      res.writeHead(403, headers).end('forbidden');
      return;
    }
    let target = file;
    let status = 200;
    let stats = fileStats(target);
    if (!stats) {
      const index = path.join(file, 'index.html');
      stats = fileStats(index);
      if (stats) {
        if (!pathname.endsWith('/')) {
          res.writeHead(301, { ...headers, Location: `${pathname}/` }).end();
          return;
        }
        target = index;
      } else {
        target = path.join(base, '404.html');
        stats = fileStats(target);
        status = 404;
      }
    }
    const type = types[/** @type {keyof typeof types} */ (path.extname(target))] ?? 'application/octet-stream';
    const cache = cacheControl(pathname, type);
    // Revalidation is cheap: a file whose mtime the browser already has gets a 304, no body.
    // HTTP dates have whole seconds: compare at that precision.
    const modified = new Date(Math.floor((stats?.mtimeMs ?? 0) / 1000) * 1000);
    const since = Date.parse(req.headers['if-modified-since'] ?? '');
    if (status === 200 && !Number.isNaN(since) && modified.getTime() <= since) {
      res.writeHead(304, { ...headers, 'Cache-Control': cache, 'Last-Modified': modified.toUTCString() }).end();
      return;
    }
    const common = { ...headers, 'Content-Type': type, 'Cache-Control': cache, 'Last-Modified': modified.toUTCString() };
    const gzip = COMPRESSIBLE.test(type) && (stats?.size ?? 0) > 1024 && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
    if (gzip && stats) {
      const body = gzippedFile(target, stats.mtimeMs);
      res.writeHead(status, { ...common, 'Content-Encoding': 'gzip', 'Content-Length': body.length, Vary: 'Accept-Encoding' });
      res.end(req.method === 'HEAD' ? undefined : body);
      return;
    }
    res.writeHead(status, common);
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

/**
 * POST: a browser's report (application/csp-report or application/reports+json), kept; GET: all
 * kept, as JSON; DELETE: forget them.
 * @param {import('node:http').IncomingMessage} req @param {import('node:http').ServerResponse} res @param {unknown[]} reports
 */
function answerCspReports(req, res, reports) {
  if (req.method === 'POST') {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      try {
        reports.push(JSON.parse(body));
      } catch {
        reports.push({ unreadable: body.slice(0, 500) });
      }
      res.writeHead(204).end();
    });
    return;
  }
  if (req.method === 'DELETE') reports.length = 0;
  res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' }).end(JSON.stringify(reports));
}
