/**
 * Step sessions: replays are exact, blocked threads cannot move, undo and reset work, schedules
 * recorded earlier still replay to the same trace (fixtures/recorded.json), every primitive parks.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { liveWorkers, stepExample } from '../../../src/runtime/host/node-host.ts';
import type { StepSession, StepState } from '../../../src/runtime/host/step-session.ts';
import { formatSchedule } from '../../../src/runtime/schedule.ts';

const fixture = (name: string): string => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));
const trace = (s: StepState): string[] => s.history.map((h) => `${h.auto ? '(auto) ' : ''}${h.text}`);

async function finish(session: StepSession, state: StepState, pick: (enabled: number[]) => number): Promise<StepState> {
  let s = state;
  while (s.status === 'choosing') s = await session.step(pick(s.enabled));
  return s;
}

describe('step sessions', () => {
  it('replaying a schedule twice gives identical traces (and a lost update, step by step)', async () => {
    const { session } = await stepExample('race-conditions/counter-race', { params: { threads: 2, n: 2 } });
    const first = await session.ready;
    expect(first.status).toBe('choosing');
    expect(first.enabled).toEqual([1, 2]);
    const t1 = first.threads.find((t) => t.number === 1);
    expect(t1?.pending?.text).toBe('T1: load total → ?');
    expect(t1?.pending?.location).toEqual({ file: 'race-conditions/counter-race.ts', line: expect.any(Number), column: expect.any(Number) });
    expect(first.threads.find((t) => t.number === 0)?.status).toBe('blocked');
    const a = await session.replay('1 2 1 2 1 1 2 2');
    const b = await session.replay('T1 T2 T1 T2 T1×2 T2×2');
    session.stop();
    expect(trace(b)).toEqual(trace(a));
    expect(a.history.filter((h) => !h.auto).map((h) => h.text).slice(0, 4)).toEqual(['T1: load total → 0', 'T2: load total → 0', 'T1: store total ← 1', 'T2: store total ← 1']);
    expect(a.end?.result.counters[0]?.value).toBe(3);
    expect(a.end?.verdict.ok).toBe(true); // the demo's expectation: updates were lost
    expect(formatSchedule(a.schedule)).toBe('1 2 1 2 1 1 2 2');
    expect(liveWorkers()).toBe(0);
  });

  it('a thread blocked on a held lock cannot be granted a step; undo and reset replay from the start', async () => {
    const { session } = await stepExample('race-conditions/counter-lock', { params: { threads: 2, n: 1 } });
    await session.ready;
    let s = await session.step(1); // T1 acquires the lock
    expect(s.history.at(-1)?.text).toBe('T1: acquire counter lock');
    expect(s.enabled).toEqual([1]);
    const t2 = s.threads.find((t) => t.number === 2);
    expect(t2?.status).toBe('blocked');
    expect(t2?.blockedOn).toBe('lock counter lock');
    expect(s.locks[0]).toMatchObject({ name: 'counter lock', owner: 'T1', waiters: ['T2'] });
    s = await session.step(2);
    expect(s.error).toMatch(/T2 cannot take a step: it is blocked on lock counter lock/);
    expect(s.schedule).toEqual([1]);
    s = await session.step(1);
    s = await session.undo();
    expect(s.schedule).toEqual([1]);
    expect(s.history.at(-1)?.text).toBe('T1: acquire counter lock');
    s = await session.reset();
    expect(s.schedule).toEqual([]);
    expect(s.enabled).toEqual([1, 2]);
    s = await finish(session, s, (e) => Math.max(...e));
    // The crux of throughput: resets, replays and undos reuse the same three workers (main, T1, T2).
    expect(session.workers).toBe(3);
    session.stop();
    expect(session.workers).toBe(0);
    expect(s.end?.result.counters[0]?.value).toBe(2);
    expect(s.end?.verdict.ok).toBe(true);
  });

  it('a schedule recorded earlier replays to the recorded trace (stable format)', async () => {
    const recorded = JSON.parse(readFileSync(fixture('recorded.json'), 'utf8')) as { cases: { id: string; params: Record<string, number>; schedule: string; trace: string[]; end: string }[] };
    for (const c of recorded.cases) {
      const { session } = await stepExample(c.id, { params: c.params });
      const s = await session.replay(c.schedule);
      session.stop();
      expect(s.error).toBeNull();
      expect(trace(s), c.id).toEqual(c.trace);
      expect(s.end?.result.message).toBe(c.end);
    }
  });

  it('every blocking primitive parks and wakes as a step (queue, condition, event, semaphore, barrier, rlock, join, sleep)', async () => {
    for (const pick of [(e: number[]) => Math.min(...e), (e: number[]) => Math.max(...e)]) {
      const { session } = await stepExample(fixture('sync-mix.ts'));
      const s = await finish(session, await session.ready, pick);
      session.stop();
      expect(s.end?.result.reason, s.end?.result.message).toBe('finished');
      expect(s.end?.verdict.ok).toBe(true);
      const kinds = new Set(s.history.map((h) => h.kind));
      for (const k of ['put', 'get', 'wait', 'notify', 'set', 'acquire', 'release', 'start', 'join', 'sleep', 'add']) expect(kinds, k).toContain(k);
    }
  });

  it('a lost wake-up ends as "all threads blocked" (no lock cycle), and the other order finishes', async () => {
    const { session } = await stepExample(fixture('lost-wakeup.ts'));
    await session.ready;
    const bad = await session.replay('2 2 2 1 1');
    expect(bad.end?.result.reason).toBe('deadlock');
    expect(bad.end?.deadlock?.text).toBe('all threads blocked: MainThread waits for join W; W waits for condition c');
    const good = await session.replay('1 1 2 2 1 2 1 1');
    session.stop();
    expect(good.end?.result.reason).toBe('finished');
    expect(liveWorkers()).toBe(0);
  });
});
