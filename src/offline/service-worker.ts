/**
 * The site's service worker (issue 11), built per build into dist/sw.js by
 * src/integrations/offline.mjs, which fills in BUILD (the build id and every file's content hash).
 * Registered by src/offline/register.ts where the host sends no isolation headers, and elsewhere
 * only when the reader asks for offline reading.
 *
 * Two jobs:
 * 1. Isolation: every same-origin response it hands the page carries COOP, COEP (require-corp,
 *    never credentialless: Safari lacks it) and CORP, the same headers src/isolation-headers.mjs
 *    gives our servers. Cross-origin requests are not touched.
 * 2. Offline: pages a reader opened, and what they need to Run (the island chunks, runtime.js,
 *    worker.js, the page's example modules), go into one cache named after the build; the editor's
 *    esbuild.wasm joins it on first use. Offline, a cached page comes from there; a page never
 *    opened gets the precached /offline/ page.
 *
 * Never mixing two builds: the network always comes first (online, the site behaves as without a
 * worker), except hashed /_astro/ files, which never change. A response is kept only if its bytes
 * hash to what BUILD lists for that path, so the cache holds exactly one build; a response from
 * another build is served but not kept, and makes the registration look for the new worker. A new
 * worker waits until no tab uses the old one (no skipWaiting: an open page keeps the files of the
 * build it was loaded from), and on activation deletes every older build's cache.
 */
import { headersFor } from '../isolation-headers.mjs';

interface Build {
  /** Content hash of the whole build. */
  id: string;
  /** Every file of the build: path relative to the site root ("" for the home page,
   * "articles/x/" for a page, "_astro/a.js" for a file) and the first 16 hex digits of its SHA-256. */
  files: [path: string, sha256: string][];
  /** Per page path: indexes into `files` of what the page loads or may load to Run (transitively). */
  kits: Record<string, number[]>;
  /** Path of the page shown for a page never opened while offline. */
  offline: string;
}
declare const BUILD: Build;

// The few service-worker types used here (the project's TypeScript lib is DOM, not WebWorker).
interface ExtendableEvent extends Event {
  waitUntil(promise: Promise<unknown>): void;
}
interface FetchEvent extends ExtendableEvent {
  readonly request: Request;
  respondWith(response: Promise<Response>): void;
}
interface ExtendableMessageEvent extends ExtendableEvent {
  readonly data: unknown;
}
interface WorkerScope {
  readonly registration: ServiceWorkerRegistration;
  readonly clients: { claim(): Promise<void> };
  addEventListener(type: 'install' | 'activate', listener: (event: ExtendableEvent) => void): void;
  addEventListener(type: 'fetch', listener: (event: FetchEvent) => void): void;
  addEventListener(type: 'message', listener: (event: ExtendableMessageEvent) => void): void;
}
const sw = globalThis as unknown as WorkerScope;

const PREFIX = 'interleave-';
const CACHE = `${PREFIX}${BUILD.id}`;
const hashes = new Map(BUILD.files);
/** The site's root path: the worker's scope (/ or /<repo>/ under a sub-path). */
const base = new URL(sw.registration.scope).pathname;
const urlOf = (path: string) => new URL(base + path, sw.registration.scope).href;

async function sha256(response: Response): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', await response.arrayBuffer()));
  return Array.from(digest.subarray(0, 8), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Keeps `response` under `path` if it is this build's file; returns whether it did. */
async function keep(cache: Cache, path: string, response: Response): Promise<boolean> {
  const expected = hashes.get(path);
  if (expected === undefined || !response.ok || response.type !== 'basic') return false;
  if ((await sha256(response.clone())) !== expected) {
    // Another build answered: a deploy happened. Find its worker; keep nothing of the mix.
    void sw.registration.update().catch(() => {});
    return false;
  }
  await cache.put(urlOf(path), response);
  return true;
}

/** Fetches each path not yet cached and keeps it; throws if `strict` and one cannot be kept. */
async function fill(cache: Cache, paths: string[], strict: boolean): Promise<void> {
  await Promise.all(
    paths.map(async (path) => {
      if (await cache.match(urlOf(path))) return;
      const ok = await fetch(urlOf(path), { cache: 'no-cache' }).then((r) => keep(cache, path, r), () => false);
      if (!ok && strict) throw new Error(`could not precache ${path}`);
    }),
  );
}

const kit = (page: string) => (BUILD.kits[page] ?? []).map((i) => BUILD.files[i]?.[0] ?? '');

/**
 * Same body and status, plus every header the site's own servers send for that path (isolation, the
 * CSP, Document-Isolation-Policy on /embed/): a header-less host then serves what every other host
 * does. An opaque redirect passes as it is.
 */
function isolated(response: Response, status = response.status): Response {
  if (response.type === 'opaqueredirect' || response.status === 0) return response;
  const headers = new Headers(response.headers);
  const pathname = response.url === '' ? '/' : new URL(response.url).pathname;
  for (const [name, value] of Object.entries(headersFor(pathname))) headers.set(name, value);
  return new Response(response.body, { status, statusText: status === response.status ? response.statusText : '', headers });
}

async function respond(event: FetchEvent, path: string): Promise<Response> {
  const cache = await caches.open(CACHE);
  const key = urlOf(path);
  if (path.startsWith('_astro/')) {
    // Content-hashed names: the same name is the same bytes in every build.
    const hit = await cache.match(key);
    if (hit) return isolated(hit);
  }
  let response: Response;
  try {
    response = await fetch(event.request);
  } catch (error) {
    const hit = await cache.match(key);
    if (hit) return isolated(hit);
    const offline = event.request.mode === 'navigate' ? await cache.match(urlOf(BUILD.offline)) : undefined;
    if (offline) return isolated(offline, 503);
    throw error;
  }
  const copy = response.clone();
  event.waitUntil(
    keep(cache, path, copy).then((kept) =>
      // A page kept: also keep what it needs to Run later, offline (in the background).
      kept && event.request.mode === 'navigate' ? fill(cache, kit(path), false) : undefined,
    ),
  );
  return isolated(response);
}

sw.addEventListener('install', (event) => {
  // The offline page and its styles must be there before this worker serves anything.
  event.waitUntil(caches.open(CACHE).then((cache) => fill(cache, [BUILD.offline, ...kit(BUILD.offline)], true)));
});

sw.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) => Promise.all(names.filter((n) => n.startsWith(PREFIX) && n !== CACHE).map((n) => caches.delete(n))))
      .then(() => sw.clients.claim()),
  );
});

sw.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== location.origin || !url.pathname.startsWith(base)) return;
  // DevTools issues these; fetching one again from a worker throws unless it is same-origin mode.
  if (request.cache === 'only-if-cached' && request.mode !== 'same-origin') return;
  event.respondWith(respond(event, decodeURIComponent(url.pathname.slice(base.length))));
});

// A reader who just opted in (src/offline/register.ts) asks to keep the page already open.
sw.addEventListener('message', (event) => {
  const keep = (event.data as { keep?: unknown } | null)?.keep;
  if (typeof keep !== 'string' || !keep.startsWith(base)) return;
  const path = decodeURIComponent(keep.slice(base.length));
  event.waitUntil(caches.open(CACHE).then((cache) => fill(cache, [path, ...kit(path)], false)));
});
