/**
 * Explore's known answers (issue 9): real step runs on real workers, every schedule.
 */
import { describe, expect, it } from 'vitest';
import { exploreExample, liveWorkers, stepExample } from '../../../src/runtime/host/node-host.ts';
import { formatSchedule } from '../../../src/runtime/schedule.ts';

describe('explore', () => {
  it('unlocked counter, 2 threads x 2 increments: 2, 3 or 4, exactly 32/32/6 of the 70 interleavings of its loads and stores', async () => {
    const { report } = await exploreExample('race-conditions/counter-race', { params: { threads: 2, n: 2 } });
    expect(report.complete).toBe(true);
    expect(report.method).toBe('exhaustive');
    expect(report.schedules).toBe(70);
    expect(report.histogram).toBe('final total: 2 (32 schedules), 3 (32), 4 (6)');
    expect(report.outcomes.map((o) => o.label)).toEqual(['final total: 2', 'final total: 3', 'final total: 4']);
    expect(report.firstFailure).not.toBeNull();
    console.log(`counter-race n=2: ${report.histogram}; ${report.schedulesPerSecond.toFixed(0)} schedules/s`);
    // The failing schedule is data: replaying it reproduces the failure.
    const { session } = await stepExample('race-conditions/counter-race', { params: { threads: 2, n: 2 } });
    const state = await session.replay(report.firstFailure?.schedule ?? []);
    session.stop();
    expect(state.end?.result.counters[0]?.value).toBe(Number(report.firstFailure?.label.split(': ')[1]));
  });

  it('sleep sets keep every outcome with fewer schedules', async () => {
    const { report } = await exploreExample('race-conditions/counter-race', { params: { threads: 2, n: 2 }, prune: 'sleep-sets' });
    expect(report.complete).toBe(true);
    expect(report.outcomes.map((o) => o.label)).toEqual(['final total: 2', 'final total: 3', 'final total: 4']);
    expect(report.schedules).toBeLessThan(70);
    console.log(`sleep sets: ${report.schedules} of 70 schedules`);
  });

  it('locked counter: 4 on every schedule, "no failing schedule among N"', async () => {
    const { report } = await exploreExample('race-conditions/counter-lock', { params: { threads: 2, n: 2 } });
    expect(report.complete).toBe(true);
    expect(report.outcomes.map((o) => o.label)).toEqual(['final total: 4']);
    expect(report.firstFailure).toBeNull();
    expect(report.summary).toBe(`no failing schedule among ${report.schedules}`);
    // Only the order of the four critical sections can vary: C(4,2) = 6.
    expect(report.schedules).toBe(6);
  });

  it('a correct program (atomic add) reports no failing schedule', async () => {
    const { report } = await exploreExample('atomics/counter-add');
    expect(report.complete).toBe(true);
    expect(report.summary).toMatch(/^no failing schedule among \d+$/);
    expect(report.outcomes.map((o) => o.label)).toEqual(['final total: 4']);
  });

  it('opposite-order locks without the barrier: some schedules deadlock, others finish, and each replays', async () => {
    const { report } = await exploreExample('deadlocks/opposite-order', { params: { barrier: 0 } });
    expect(report.complete).toBe(true);
    const byLabel = new Map(report.outcomes.map((o) => [o.label, o]));
    expect([...byLabel.keys()].sort()).toEqual(['deadlock', 'finished']);
    expect(report.firstFailure?.label).toBe('deadlock');
    for (const [label, o] of byLabel) {
      const { session } = await stepExample('deadlocks/opposite-order', { params: { barrier: 0 } });
      const state = await session.replay(o.example);
      session.stop();
      expect(state.end?.result.reason, `${label}: ${formatSchedule(o.example)}`).toBe(label === 'deadlock' ? 'deadlock' : 'finished');
      if (label === 'deadlock') expect(state.end?.deadlock?.text).toMatch(/T\d holds [AB], waits for [AB]; T\d holds [AB], waits for [AB]/);
    }
  });

  it('preemption bounding runs fewer schedules and says so', async () => {
    const { report } = await exploreExample('race-conditions/counter-race', { params: { n: 3 }, bound: 1 });
    expect(report.method).toBe('preemption-bounded');
    expect(report.bound).toBe(1);
    expect(report.complete).toBe(true);
    expect(report.schedules).toBeLessThan(924);
    expect(report.summary).toMatch(/with at most 1 preemption/);
    // One preemption is enough to lose an update.
    expect(report.firstFailure).not.toBeNull();
  });

  it('refuses a step param outside its range', async () => {
    await expect(exploreExample('race-conditions/counter-race', { params: { n: 50 } })).rejects.toThrow(/outside its range 1..3/);
    await expect(exploreExample('race-conditions/counter-race', { params: { x: 1 } })).rejects.toThrow(/cannot be set/);
    expect(liveWorkers()).toBe(0);
  });
});
