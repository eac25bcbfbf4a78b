import { describe, expect, it } from 'vitest';
import { counterValue, runFixture, text } from './helpers.ts';

describe('Semaphore and BoundedSemaphore', () => {
  it('never lets more than the bound in (instrumented maximum); over-release of a bounded one throws', async () => {
    const r = await runFixture('semaphore');
    expect(r.result.reason).toBe('finished');
    const max = counterValue(r, 'max') ?? 0;
    expect(max).toBeLessThanOrEqual(3);
    expect(max).toBeGreaterThanOrEqual(1);
    const out = text(r);
    expect(out).toContain('value 3');
    expect(out).toContain('over-release: ValueError: Semaphore released too many times');
    expect(out).toContain('bounded acquire(false) x3: true true false');
  });
});

describe('Condition and Queue', () => {
  it('Queue: 4 producers + 4 consumers move 100,000 items, none lost, none duplicated', async () => {
    const r = await runFixture('queue-mpmc');
    expect(r.result.reason).toBe('finished');
    expect(counterValue(r, 'once')).toBe(100_000);
    expect(text(r)).toContain('missing 0, duplicated 0, left 0');
  });

  it('Condition: a hand-made bounded buffer with 4 producers + 4 consumers moves 100,000 items exactly once', async () => {
    const r = await runFixture('condition-buffer');
    expect(r.result.reason).toBe('finished');
    expect(counterValue(r, 'once')).toBe(100_000);
    expect(text(r)).toContain('missing 0, duplicated 0');
  });
});

describe('Barrier and Event', () => {
  it('a Barrier is reused for 1,000 generations; Event set, clear and wait with timeouts', async () => {
    const r = await runFixture('barrier-event');
    expect(r.result.reason).toBe('finished');
    const out = text(r);
    expect(out).toContain('barrier violations 0, arrivals 4000');
    expect(out).toContain('event ok');
  });
});
