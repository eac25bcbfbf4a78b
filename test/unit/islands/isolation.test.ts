/**
 * Why a page cannot run threads (src/runtime/host/isolation.ts): which reason each combination of
 * the page's features gives, and that each reason is worded for what it is. The page-side globals
 * are set on globalThis for each case and restored after it.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { isolationMessage, isolationProblem, isolationState, type IsolationProblem } from '../../../src/runtime/host/isolation.ts';

const g = globalThis as Record<string, unknown>;
const saved = { SharedArrayBuffer: g['SharedArrayBuffer'] };
const set = (env: { crossOriginIsolated?: boolean | undefined; isSecureContext?: boolean; sab?: boolean; framed?: boolean; isolation?: string }) => {
  g['crossOriginIsolated'] = env.crossOriginIsolated;
  g['isSecureContext'] = env.isSecureContext ?? true;
  if (env.sab === false) delete g['SharedArrayBuffer'];
  else g['SharedArrayBuffer'] = saved.SharedArrayBuffer;
  g['self'] = globalThis;
  g['top'] = env.framed ? {} : globalThis;
  g['document'] = { documentElement: { dataset: env.isolation === undefined ? {} : { isolation: env.isolation } } };
};
afterEach(() => {
  for (const k of ['crossOriginIsolated', 'isSecureContext', 'self', 'top', 'document']) delete g[k];
  g['SharedArrayBuffer'] = saved.SharedArrayBuffer;
});

describe('isolationState', () => {
  it('finds each reason from the page, most specific first', () => {
    set({ crossOriginIsolated: true });
    expect(isolationState()).toBeNull();
    set({ crossOriginIsolated: true, sab: false });
    expect(isolationState()).toEqual({ kind: 'no-shared-memory' });
    set({ crossOriginIsolated: undefined });
    expect(isolationState()).toEqual({ kind: 'unsupported' });
    set({ crossOriginIsolated: false, isSecureContext: false, framed: true });
    expect(isolationState()).toEqual({ kind: 'insecure' });
    set({ crossOriginIsolated: false, framed: true });
    expect(isolationState()).toEqual({ kind: 'frame' });
    set({ crossOriginIsolated: false, isolation: 'no-service-worker' });
    expect(isolationState()).toEqual({ kind: 'not-isolated', fallback: 'no-service-worker' });
  });
});

describe('isolationMessage', () => {
  const say = (p: IsolationProblem, dip?: 'sent' | 'not-sent' | 'unknown', link = false) => isolationMessage('This example', p, dip, link);

  it('isolated without SharedArrayBuffer says so, and never that headers are missing', () => {
    const m = say({ kind: 'no-shared-memory' });
    expect(m).toMatch(/cross-origin isolated, as it should be/);
    expect(m).toMatch(/Lockdown Mode/);
    expect(m).toMatch(/JSC_useSharedArrayBuffer=1/);
    expect(m).not.toMatch(/header|Cross-Origin-Opener-Policy|Cross-Origin-Embedder-Policy|served without/i);
  });

  it('a frame: "this browser cannot" when the site sent Document-Isolation-Policy, "the server did not" when it did not', () => {
    expect(say({ kind: 'frame' }, 'sent')).toMatch(/asks for this frame to be isolated on its own \(Document-Isolation-Policy\), but this browser does not support that/);
    expect(say({ kind: 'frame' }, 'not-sent')).toMatch(/this server did not send it/);
    expect(say({ kind: 'frame' }, 'unknown')).toMatch(/only Chromium-based browsers support/);
    for (const dip of ['sent', 'not-sent', 'unknown'] as const) {
      expect(say({ kind: 'frame' }, dip)).toMatch(/Open it in a new tab, where it runs\.$/);
      // A page that shows its own link leaves the advice out of the text.
      expect(say({ kind: 'frame' }, dip, true)).not.toMatch(/new tab/);
      expect(say({ kind: 'frame' }, dip)).not.toMatch(/served without/);
    }
  });

  it('a top-level page without the headers names them, after the service-worker outcome', () => {
    const m = say({ kind: 'not-isolated', fallback: 'no-service-worker' });
    expect(m).toMatch(/^This browser gives this page no service worker/);
    expect(m).toMatch(/Cross-Origin-Opener-Policy: same-origin and Cross-Origin-Embedder-Policy: require-corp/);
    expect(say({ kind: 'not-isolated', fallback: 'reloading' })).toMatch(/^The page is reloading once/);
    expect(say({ kind: 'not-isolated', fallback: null })).toMatch(/^This example needs shared memory/);
    expect(say({ kind: 'insecure' })).toMatch(/plain http:\/\//);
    expect(say({ kind: 'unsupported' })).toMatch(/does not support cross-origin isolation/);
  });

  it('isolationProblem words the current state for its subject', () => {
    set({ crossOriginIsolated: true, sab: false });
    expect(isolationProblem('The GIL lab')).toMatch(/^The GIL lab needs shared memory/);
    set({ crossOriginIsolated: true });
    expect(isolationProblem('The GIL lab')).toBeNull();
  });
});
