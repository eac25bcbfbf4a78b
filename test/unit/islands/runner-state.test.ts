/**
 * The example island's state machine (src/islands/example/runner-state.ts), in Node: the phases a
 * reader can reach and the ones they cannot (a stale run's end, a parameter changed mid-run).
 */
import { describe, expect, it } from 'vitest';
import { NOT_DONE, initialRunnerState, isBusy, runnerReducer, showsLive, type RunnerAction, type RunnerState } from '../../../src/islands/example/runner-state.ts';
import type { RunResult } from '../../../src/runtime/host/run.ts';

const reduce = (s: RunnerState, ...actions: RunnerAction[]) => actions.reduce(runnerReducer, s);
const line = (seq: number, text: string) => ({ seq, thread: 'main', stream: 'out', text, atMs: seq }) as never;
const result = (wallMs: number) => ({ wallMs, message: 'Finished.', reason: 'finished', counters: [], threads: [], errors: [], output: [] }) as unknown as RunResult;
const base = () => reduce(initialRunnerState({ n: 10 }), { type: 'hydrated', params: { n: 20 }, hasSavedEdit: false });

describe('runner state machine', () => {
  it('goes idle → running → ended, keeping output and a history of runs', () => {
    let s = base();
    expect(s.phase).toBe('idle');
    expect(s.params).toEqual({ n: 20 });
    expect(showsLive(s)).toBe(false);
    s = reduce(s, { type: 'run-started', n: 1 }, { type: 'first-line', n: 1, line: line(0, 'a') });
    expect(s.phase).toBe('running');
    expect(isBusy(s)).toBe(true);
    s = reduce(s, { type: 'frame', n: 1, lines: [line(1, 'b')], telemetry: null, elapsedMs: 16 });
    expect(s.lines.map((l) => l.text)).toEqual(['a', 'b']);
    s = reduce(s, { type: 'run-ended', n: 1, lines: [line(2, 'c')], telemetry: null, ended: { result: result(40), verdict: { ok: true, message: 'ok' } } });
    expect(s.phase).toBe('ended');
    expect(s.lines).toHaveLength(3);
    expect(s.runs).toEqual([{ n: 1, ok: true, summary: 'ok', wallMs: 40 }]);
    expect(s.elapsedMs).toBe(40);
  });

  it('ignores frames and ends of a run a newer one replaced', () => {
    let s = reduce(base(), { type: 'run-started', n: 1 }, { type: 'run-started', n: 2 });
    s = reduce(s, { type: 'first-line', n: 1, line: line(0, 'old') }, { type: 'run-ended', n: 1, lines: [], telemetry: null, ended: { result: result(1), verdict: { ok: false, message: 'x' } } });
    expect(s.phase).toBe('running');
    expect(s.runNumber).toBe(2);
    expect(s.lines).toEqual([]);
    expect(s.runs).toEqual([]);
  });

  it('keeps parameters fixed while running, stepping or exploring', () => {
    for (const open of [{ type: 'run-started', n: 1 }, { type: 'step-opened', start: { schedule: [], params: {} } }, { type: 'explore-opened' }] as RunnerAction[]) {
      const s = reduce(base(), open, { type: 'param', name: 'n', value: 3 });
      expect(s.params.n).toBe(20);
    }
    expect(reduce(base(), { type: 'param', name: 'n', value: 3 }).params.n).toBe(3);
  });

  it('a failed compile returns to where the reader was, with the errors', () => {
    const idle = reduce(base(), { type: 'compile', mode: 'run' });
    expect(idle.phase).toBe('compiling');
    expect(showsLive(idle)).toBe(true);
    const failed = reduce(idle, { type: 'compile-failed', errors: 'x.ts:1: oops', ms: 12 });
    expect(failed.phase).toBe('idle');
    expect(failed.compileError?.errors).toBe('x.ts:1: oops');
    expect(NOT_DONE[failed.compileError?.mode ?? 'step']).toBe('Not run');
    // Step on code that does not compile says so in its own words, not "Not run".
    const step = reduce(base(), { type: 'compile', mode: 'step' }, { type: 'compile-failed', errors: 'e', ms: 1 });
    expect(NOT_DONE[step.compileError?.mode ?? 'run']).toBe('Not stepped');
    expect(reduce(step, { type: 'compile', mode: 'run' }, { type: 'compiled', ms: 1 }).compileError).toBeNull();
    const afterRun = reduce(base(), { type: 'run-started', n: 1 }, { type: 'run-ended', n: 1, lines: [], telemetry: null, ended: { result: result(5), verdict: { ok: true, message: 'ok' } } },
      { type: 'compile', mode: 'run' }, { type: 'compile-failed', errors: 'e', ms: 1 });
    expect(afterRun.phase).toBe('ended');
    const ok = reduce(base(), { type: 'compile', mode: 'run' }, { type: 'compiled', ms: 3 }, { type: 'run-started', n: 1 });
    expect(ok.compileError).toBeNull();
    expect(ok.compileMs).toBe(3);
    expect(ok.phase).toBe('running');
  });

  it('a chunk that does not load after a compile returns to rest with its message, and buttons work again', () => {
    // Compiled, then the host (or a view) failed to load: without 'failed' the island stayed in
    // 'compiling', every button disabled.
    const compiled = reduce(base(), { type: 'compile', mode: 'run' }, { type: 'compiled', ms: 4 });
    expect(compiled.phase).toBe('compiling');
    const failed = reduce(compiled, { type: 'failed', attempt: 'run', message: 'The runtime host did not load (TypeError: error loading dynamically imported module).' });
    expect(failed.phase).toBe('idle');
    expect(isBusy(failed)).toBe(false);
    expect(failed.compilingFor).toBeNull();
    expect(failed.failure).toBe('Not run: The runtime host did not load (TypeError: error loading dynamically imported module).');
    // The same after a run: back to its verdict, which stays.
    const ended = reduce(base(), { type: 'run-started', n: 1 }, { type: 'run-ended', n: 1, lines: [], telemetry: null, ended: { result: result(5), verdict: { ok: true, message: 'ok' } } });
    const again = reduce(ended, { type: 'compile', mode: 'step' }, { type: 'compiled', ms: 1 }, { type: 'failed', attempt: 'step', message: 'The step view did not load (x).' });
    expect(again.phase).toBe('ended');
    expect(again.ended).not.toBeNull();
    expect(again.failure).toBe('Not stepped: The step view did not load (x).');
    // Without a compile (no edit) the phase stays; the message is shown all the same.
    expect(reduce(base(), { type: 'failed', attempt: 'explore', message: 'm' })).toMatchObject({ phase: 'idle', failure: 'Not explored: m' });
    // The next attempt clears it.
    for (const next of [{ type: 'compile', mode: 'run' }, { type: 'run-started', n: 1 }, { type: 'step-opened', start: { schedule: [], params: {} } }, { type: 'explore-opened' }, { type: 'edit-opened' }] as RunnerAction[]) {
      expect(reduce(failed, next).failure).toBeNull();
    }
  });

  it('an editor that does not load closes the editing state, so the code listing is shown again', () => {
    const s = reduce(base(), { type: 'edit-opened' }, { type: 'failed', attempt: 'edit', message: 'The editor did not load (x).' });
    expect(s.editing).toBe(false);
    expect(s.failure).toBe('Not opened for editing: The editor did not load (x).');
  });

  it('stepping and exploring are their own phases, closed back to idle or the last run', () => {
    const stepping = reduce(base(), { type: 'step-opened', start: { schedule: [], params: {} } });
    expect(stepping.phase).toBe('stepping');
    expect(isBusy(stepping)).toBe(false);
    expect(reduce(stepping, { type: 'mode-closed' }).phase).toBe('idle');
    const ended = reduce(base(), { type: 'run-started', n: 1 }, { type: 'run-ended', n: 1, lines: [], telemetry: null, ended: { result: result(5), verdict: { ok: true, message: 'ok' } } });
    expect(reduce(ended, { type: 'explore-opened' }, { type: 'mode-closed' }).phase).toBe('ended');
    // A running run is stopped by the toolbar before Step opens; the reducer does not skip that.
    expect(reduce(base(), { type: 'run-started', n: 1 }, { type: 'step-opened', start: { schedule: [], params: {} } }).phase).toBe('running');
    expect(reduce(base(), { type: 'mode-closed' }).phase).toBe('idle');
  });

  it('a shared schedule waits for Replay, then becomes what the step view starts with', () => {
    const start = { schedule: [1, 1, 2, 2], params: { n: 2 } };
    let s = reduce(base(), { type: 'link-schedule', start });
    expect(s.phase).toBe('idle');
    expect(s.linkSchedule).toEqual(start);
    s = reduce(s, { type: 'step-opened', start });
    expect(s.phase).toBe('stepping');
    expect(s.stepStart).toEqual(start);
    expect(s.linkSchedule).toBeNull();
  });

  it('tracks the editor: opened, saved, reset', () => {
    let s = reduce(base(), { type: 'edit-opened' }, { type: 'edit-saved' });
    expect([s.editing, s.hasSavedEdit]).toEqual([true, true]);
    s = reduce(s, { type: 'compile', mode: 'run' }, { type: 'compile-failed', errors: 'e', ms: 1 }, { type: 'edit-reset' });
    expect([s.editing, s.hasSavedEdit, s.compileError]).toEqual([false, false, null]);
  });
});
