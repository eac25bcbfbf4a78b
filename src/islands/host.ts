/**
 * What every island that runs code needs from the runtime host, page side: loading it lazily (it is
 * never part of page load), loading it early once the reader shows intent, and why it cannot run
 * threads (src/runtime/host/isolation.ts, worded once for the islands and the host).
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

// The one wording of why threads cannot run here, shared with the host's own refusal.
export { frameIsolation, isolationMessage, isolationProblem, isolationState, type FrameDip, type IsolationProblem } from '../runtime/host/isolation.ts';
