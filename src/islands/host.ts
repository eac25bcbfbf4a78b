/**
 * What every island that runs code needs from the runtime host, page side: loading it lazily (it is
 * never part of page load), loading it early once the reader shows intent, and the one reason it
 * cannot run threads (no cross-origin isolation), worded once.
 */
export const hostModule = () => import('../runtime/host/browser-host.ts');

/**
 * A hand moving onto `el`, or focus entering it, is intent to Run: fetch the host then, so the click
 * itself only starts workers (smaller first-run latency).
 */
export function warmHostOnIntent(el: Element | null | undefined): void {
  const warm = () => void hostModule();
  el?.addEventListener('pointerenter', warm, { once: true });
  el?.addEventListener('focusin', warm, { once: true });
}

/**
 * Why the service-worker fallback (src/offline/register.ts, which sets <html data-isolation>) did
 * not isolate this page, said before the general reason.
 */
const fallbackOutcome: Record<string, string> = {
  'no-service-worker':
    'This browser gives this page no service worker (a private window in some browsers, or a setting), so the site cannot turn isolation on by itself here. ',
  failed: 'The site tried to turn isolation on with its service worker, once, and it did not take effect in this browser. ',
  reloading: 'The page is reloading once to turn isolation on; Run again when it is back. ',
};

/** Null when shared memory is available; else why `subject` (e.g. "This example") cannot run. */
export function isolationProblem(subject: string): string | null {
  if (globalThis.crossOriginIsolated === true && typeof SharedArrayBuffer === 'function') return null;
  return (
    (fallbackOutcome[document.documentElement.dataset['isolation'] ?? ''] ?? '') +
    `${subject} needs shared memory (SharedArrayBuffer), which browsers only give to cross-origin isolated pages. ` +
    'This page was served without the headers Cross-Origin-Opener-Policy: same-origin and ' +
    'Cross-Origin-Embedder-Policy: require-corp, or it is inside a frame whose top page is not isolated ' +
    'and this browser cannot isolate a frame on its own (Chromium-based browsers from version 137 can). ' +
    'Open it on its own page, or serve the site with those headers (npm start does).'
  );
}
