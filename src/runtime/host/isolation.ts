/**
 * Why this page cannot run threads, found and worded once (page side). The host refuses a thread
 * run with it (browser-host.ts, browser-step.ts); the example island and the GIL labs show it before
 * a run starts (src/islands/host.ts). Feature detection only: each reason is read from what the page
 * has (crossOriginIsolated, SharedArrayBuffer, isSecureContext, a parent frame, the headers of its
 * own response), never from the browser's name.
 *
 * The reasons, most specific first:
 *   no-shared-memory  isolated, yet no SharedArrayBuffer: Safari in Lockdown Mode, WebKitGTK without
 *                     JSC_useSharedArrayBuffer=1. The headers are right; saying otherwise would send
 *                     the reader (or the site's host) after the wrong fix.
 *   unsupported       the browser knows no cross-origin isolation at all (no crossOriginIsolated).
 *   insecure          plain http:// on an address other than localhost: browsers isolate secure pages only.
 *   frame             inside a frame whose top page is not isolated (an LMS). Only Document-Isolation-Policy
 *                     (Chromium 137+) isolates a frame on its own; Firefox and Safari have none. Whether
 *                     the site sent it (frameIsolation()) tells "this browser cannot" from "the host did not".
 *   not-isolated      a top-level page served without COOP/COEP; the service-worker fallback's outcome
 *                     (src/offline/register.ts, <html data-isolation>) is said first.
 */

export type FrameDip = 'sent' | 'not-sent' | 'unknown';

export type IsolationProblem =
  | { kind: 'no-shared-memory' }
  | { kind: 'unsupported' }
  | { kind: 'insecure' }
  | { kind: 'frame' }
  | { kind: 'not-isolated'; fallback: string | null };

const scope = globalThis as {
  crossOriginIsolated?: boolean;
  isSecureContext?: boolean;
  self?: unknown;
  top?: unknown;
  document?: { documentElement?: { dataset?: Record<string, string | undefined> } };
};

function inFrame(): boolean {
  try {
    return scope.top !== undefined && scope.top !== null && scope.self !== scope.top;
  } catch {
    // Reading `top` is allowed across origins; a browser that refuses it is framed anyway.
    return true;
  }
}

/** Null when shared memory is available (threads can run); else why not. */
export function isolationState(): IsolationProblem | null {
  const isolated = scope.crossOriginIsolated;
  if (isolated === true) return typeof SharedArrayBuffer === 'function' ? null : { kind: 'no-shared-memory' };
  if (isolated === undefined) return { kind: 'unsupported' };
  if (scope.isSecureContext === false) return { kind: 'insecure' };
  if (inFrame()) return { kind: 'frame' };
  return { kind: 'not-isolated', fallback: scope.document?.documentElement?.dataset?.['isolation'] ?? null };
}

/**
 * In a frame: whether this page's own response carried Document-Isolation-Policy (the site sends it
 * on /embed/). Sent and still not isolated means the browser has no Document-Isolation-Policy.
 * One HEAD request of the page itself, made only on a framed page that is not isolated.
 */
export async function frameIsolation(url: string = String((globalThis as { location?: { href: string } }).location?.href ?? '')): Promise<FrameDip> {
  if (url === '') return 'unknown';
  try {
    const r = await fetch(url, { method: 'HEAD', cache: 'no-store', credentials: 'same-origin' });
    if (!r.ok) return 'unknown';
    return r.headers.get('document-isolation-policy') ? 'sent' : 'not-sent';
  } catch {
    return 'unknown';
  }
}

/** Why the service-worker fallback did not isolate this page, said before the general reason. */
const FALLBACK: Record<string, string> = {
  'no-service-worker':
    'This browser gives this page no service worker (a private window in some browsers, or a setting), so the site cannot turn isolation on by itself here. ',
  failed: 'The site tried to turn isolation on with its service worker, once, and it did not take effect in this browser. ',
  reloading: 'The page is reloading once to turn isolation on; Run again when it is back. ',
};

const NEEDS = 'needs shared memory (SharedArrayBuffer), which browsers give only to cross-origin isolated pages.';

/** What a framed page that cannot run should do; a page that offers the link itself leaves it out of the message. */
export const NEW_TAB_ADVICE = 'Open it in a new tab, where it runs.';

/**
 * The reader's sentences for a problem; `subject` names what cannot run ("This example", "The GIL
 * lab"). `offersNewTab`: the caller shows its own "Open … in a new tab" link after the text.
 */
export function isolationMessage(subject: string, problem: IsolationProblem, dip: FrameDip = 'unknown', offersNewTab = false): string {
  switch (problem.kind) {
    case 'no-shared-memory':
      return (
        `${subject} needs shared memory (SharedArrayBuffer). This page is cross-origin isolated, as it should be, ` +
        'yet this browser gives it no SharedArrayBuffer: Safari does so in Lockdown Mode, and WebKitGTK unless it runs with ' +
        'JSC_useSharedArrayBuffer=1. Nothing is wrong with the page or its server. It runs in Safari with Lockdown Mode off for this site, or in another browser.'
      );
    case 'unsupported':
      return `${subject} ${NEEDS} This browser does not support cross-origin isolation at all; a current Firefox, Safari or Chromium-based browser runs it.`;
    case 'insecure':
      return (
        `${subject} ${NEEDS} Browsers isolate only secure pages, and this one was loaded over plain http:// from an address ` +
        'other than localhost. Open it over https://, or from localhost.'
      );
    case 'frame': {
      const why =
        dip === 'sent'
          ? 'The site asks for this frame to be isolated on its own (Document-Isolation-Policy), but this browser does not support that: only Chromium-based browsers do, from version 137.'
          : dip === 'not-sent'
            ? 'A frame can be isolated on its own only with the Document-Isolation-Policy header (Chromium-based browsers, from version 137), and this server did not send it.'
            : 'A frame can be isolated on its own only with Document-Isolation-Policy, which only Chromium-based browsers support (from version 137).';
      return `${subject} ${NEEDS} It is inside a frame on a page that is not isolated. ${why}${offersNewTab ? '' : ` ${NEW_TAB_ADVICE}`}`;
    }
    case 'not-isolated':
      return (
        (FALLBACK[problem.fallback ?? ''] ?? '') +
        `${subject} ${NEEDS} This page is not isolated: it was served without the headers Cross-Origin-Opener-Policy: same-origin and ` +
        'Cross-Origin-Embedder-Policy: require-corp. Serve the site with them (npm start does).'
      );
  }
}

/** Null when threads can run here; else the reason, worded for `subject`. */
export function isolationProblem(subject: string, dip: FrameDip = 'unknown'): string | null {
  const p = isolationState();
  return p === null ? null : isolationMessage(subject, p, dip);
}

/** Whether thread examples can run on this page (shared memory available). */
export function canRunThreads(): boolean {
  return isolationState() === null;
}
