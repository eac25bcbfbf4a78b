/**
 * The event-loop figure's arithmetic: gaps between heartbeats, frames missed, the typical frame time,
 * and the computation's bound (it stops after the time it is given, not after a fixed amount of work).
 */
import { describe, expect, it } from 'vitest';
import { gapStats, typicalFrameMs } from '../../../src/islands/event-loop/heartbeat.ts';
import { countPrimesFor } from '../../../src/islands/event-loop/busy-work.ts';

const frames = (start: number, count: number, frameMs: number) => Array.from({ length: count }, (_, i) => start + i * frameMs);

describe('heartbeat gaps', () => {
  it('steady frames: the longest gap is one frame and none is missed', () => {
    const stamps = frames(0, 60, 16.7);
    expect(typicalFrameMs(stamps)).toBeCloseTo(16.7, 5);
    const s = gapStats(stamps, 16.7);
    expect(s.longestMs).toBeCloseTo(16.7, 5);
    expect(s.missedFrames).toBe(0);
    expect(s.beats).toBe(60);
  });

  it('a 1,200 ms stall between steady frames: one long gap, about 71 frames missed', () => {
    const before = frames(0, 20, 16.7);
    const after = frames(before.at(-1)! + 1200, 20, 16.7);
    const stamps = [...before, ...after];
    expect(typicalFrameMs(stamps)).toBeCloseTo(16.7, 5); // the median ignores the one long gap
    const s = gapStats(stamps, 16.7);
    expect(s.longestMs).toBeCloseTo(1200, 5);
    expect(s.missedFrames).toBe(Math.round(1200 / 16.7) - 1);
  });

  it('a gap under one and a half frames is not a missed frame; two frame times miss one', () => {
    expect(gapStats([0, 23], 16).missedFrames).toBe(0);
    expect(gapStats([0, 32], 16).missedFrames).toBe(1);
  });

  it('no heartbeat or one: nothing to measure', () => {
    expect(gapStats([], 16)).toEqual({ longestMs: 0, missedFrames: 0, beats: 0 });
    expect(gapStats([5], 16)).toEqual({ longestMs: 0, missedFrames: 0, beats: 1 });
    expect(typicalFrameMs([])).toBeCloseTo(1000 / 60, 5);
  });
});

describe('the bounded computation', () => {
  it('stops once its time is up, having found primes (2, 3, 5, 7, ...)', () => {
    const t0 = performance.now();
    const r = countPrimesFor(30);
    const took = performance.now() - t0;
    expect(r.type).toBe('computed');
    expect(r.ms).toBeGreaterThanOrEqual(30);
    expect(took).toBeGreaterThanOrEqual(30);
    expect(r.primes).toBeGreaterThan(50); // the first 256 candidates alone hold 54 primes
  });
});
