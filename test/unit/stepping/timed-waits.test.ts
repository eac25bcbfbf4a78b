/**
 * Timed waits in step mode time out when the scheduler takes their wait step, not when the real
 * clock says so (docs/stepping.md: "a timed wait is always enabled and, if taken while it could not
 * succeed, times out"). Before the fix, Event.wait(0.5) and Condition.wait(0.5) re-waited until half
 * a second of real time had passed, one step per re-wait: a schedule did not replay (Explore stopped
 * at "thread 1 not enabled at step 9136").
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { exploreExample, liveWorkers, stepExample } from '../../../src/runtime/host/node-host.ts';

const fixture = fileURLToPath(new URL('./fixtures/timed-waits.ts', import.meta.url));

describe('timed waits in step mode', () => {
  it('the waiter who goes first times out of each wait after one wake-up step', async () => {
    const { session } = await stepExample(fixture);
    try {
      const s = await session.replay('1 1 1 1 1 1 1');
      const waiterSteps = s.history.filter((h) => h.name === 'W').map((h) => h.text);
      expect(waiterSteps).toEqual([
        'W: wait ev',
        'W: wake up (waiting for event ev)',
        'W: acquire c.lock',
        'W: wait c',
        'W: wake up (waiting for condition c)',
        'W: release c.lock',
        'W: store got ← 0',
      ]);
      const again = await session.replay('1 1 1 1 1 1 1');
      expect(again.history.map((h) => h.text)).toEqual(s.history.map((h) => h.text));
    } finally {
      session.stop();
    }
  });

  it('every schedule replays, and each wait succeeds or times out as the schedule says', async () => {
    const { report } = await exploreExample(fixture);
    expect(report.complete).toBe(true);
    expect(report.schedules).toBe(53);
    expect(report.histogram).toBe('final got: 0 (22 schedules), 1 (16), 2 (9), 3 (6)');
    expect(liveWorkers()).toBe(0);
  });
});
