/**
 * A challenge in the runner's state machine: Explore is offered only after a first win ("see every
 * way to win"), progress from localStorage replaces the state's, and resetting progress while
 * exploring leaves Explore. Plus the progress store itself (challenge-progress.ts) on a stand-in
 * localStorage: the first winning schedule is kept, junk in storage reads as no progress.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { initialRunnerState, offersExplore, runnerReducer, type RunnerAction, type RunnerState } from '../../../src/islands/example/runner-state.ts';
import { PROGRESS_KEY, loadProgress, markSolved, onProgress, resetProgress, setHintsShown } from '../../../src/islands/example/challenge-progress.ts';

const reduce = (s: RunnerState, ...actions: RunnerAction[]) => actions.reduce(runnerReducer, s);
const base = () => reduce(initialRunnerState({}), { type: 'hydrated', params: {}, hasSavedEdit: false });

describe('challenge state', () => {
  it('Explore only after a win for a challenge; always for other stepped examples', () => {
    let s = base();
    expect(offersExplore(s, true)).toBe(false);
    expect(offersExplore(s, false)).toBe(true);
    s = reduce(s, { type: 'challenge-progress', solved: [1, 1, 2], hintsShown: 1 });
    expect(offersExplore(s, true)).toBe(true);
    expect(s.solved).toEqual([1, 1, 2]);
    expect(s.hintsShown).toBe(1);
  });

  it('a progress reset while exploring leaves Explore; while stepping, stepping goes on', () => {
    let s = reduce(base(), { type: 'challenge-progress', solved: [2], hintsShown: 0 }, { type: 'explore-opened' });
    expect(s.phase).toBe('exploring');
    s = reduce(s, { type: 'challenge-progress', solved: null, hintsShown: 0 });
    expect(s.phase).toBe('idle');
    s = reduce(s, { type: 'step-opened', start: { schedule: [], params: {} } }, { type: 'challenge-progress', solved: null, hintsShown: 2 });
    expect(s.phase).toBe('stepping');
    expect(s.hintsShown).toBe(2);
  });
});

describe('challenge progress store', () => {
  const store = new Map<string, string>();
  const events: string[] = [];
  beforeEach(() => {
    store.clear();
    const target = new EventTarget();
    Object.assign(globalThis, {
      localStorage: { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => void store.set(k, v), removeItem: (k: string) => void store.delete(k) },
      window: { addEventListener: target.addEventListener.bind(target), removeEventListener: target.removeEventListener.bind(target), dispatchEvent: target.dispatchEvent.bind(target) },
    });
  });
  afterEach(() => {
    delete (globalThis as { localStorage?: unknown }).localStorage;
    delete (globalThis as { window?: unknown }).window;
  });

  it('keeps the first winning schedule and the hints shown, broadcasts each change, and resets', () => {
    const off = onProgress(() => events.push('change'));
    expect(loadProgress()).toEqual({ solved: {}, how: {}, hints: {} });
    markSolved('challenges/a', [1, 1, 2]);
    markSolved('challenges/a', [2, 2]);
    setHintsShown('challenges/a', 2);
    expect(loadProgress()).toEqual({ solved: { 'challenges/a': [1, 1, 2] }, how: {}, hints: { 'challenges/a': 2 } });
    resetProgress();
    expect(loadProgress()).toEqual({ solved: {}, how: {}, hints: {} });
    off();
    markSolved('challenges/b', [1]);
    expect(events).toEqual(['change', 'change', 'change']);
  });

  it('reads junk as no progress, and drops malformed entries', () => {
    store.set(PROGRESS_KEY, 'not json');
    expect(loadProgress()).toEqual({ solved: {}, how: {}, hints: {} });
    store.set(PROGRESS_KEY, JSON.stringify({
      solved: { ok: [1, 2], bad: 'x', neg: [-1] },
      how: { ok: { params: { n: 2 }, edited: false }, bad: { params: { n: 'x' }, edited: false }, orphan: { params: {}, edited: true } },
      hints: { ok: 1, bad: 'x', zero: 0 },
    }));
    expect(loadProgress()).toEqual({ solved: { ok: [1, 2] }, how: { ok: { params: { n: 2 }, edited: false } }, hints: { ok: 1 } });
  });

  it('keeps how a win was played; a win on the published program replaces one on an edit, never the reverse', () => {
    markSolved('challenges/a', [1, 2], { params: { n: 2 }, edited: true });
    markSolved('challenges/a', [2, 1], { params: { n: 3 }, edited: true });
    expect(loadProgress().solved['challenges/a']).toEqual([1, 2]);
    markSolved('challenges/a', [2, 2, 1], { params: { n: 2 }, edited: false });
    expect(loadProgress()).toMatchObject({ solved: { 'challenges/a': [2, 2, 1] }, how: { 'challenges/a': { params: { n: 2 }, edited: false } } });
    markSolved('challenges/a', [1], { params: { n: 2 }, edited: true });
    expect(loadProgress()).toMatchObject({ solved: { 'challenges/a': [2, 2, 1] }, how: { 'challenges/a': { edited: false } } });
  });
});

describe('step links of examples whose step params have no range', () => {
  it('accept a param at its step value (stepLink writes every param), refuse any other value', async () => {
    const { readStepLink } = await import('../../../src/islands/example/step-link.ts');
    const step = { params: { n: 1, patience: 1 }, ranges: {}, expect: { kind: 'deadlock' as const } };
    const url = (q: string) => new URL(`https://x.test/challenges/?${q}#ex-challenges-flag-lock`);
    expect(readStepLink(url('schedule=1.2.1.2&params=n:1,patience:1'), 'ex-challenges-flag-lock', step)).toEqual({ start: { schedule: [1, 2, 1, 2], params: { n: 1, patience: 1 } } });
    expect(readStepLink(url('schedule=1.2&params=n:2'), 'ex-challenges-flag-lock', step)).toEqual({ error: 'This link sets n=2, which step mode does not allow.' });
  });
});
