/**
 * Stress tests of the Python-semantics primitives (issue 10): nothing lost, nothing duplicated, every
 * item id checked. Each runs on real workers in the Node host. Robust on a busy 2-core machine: they
 * coordinate with the primitives themselves (no sleeps deciding outcomes) and have generous limits.
 */
import { describe, expect, it } from 'vitest';
import { counterValue, runFixture, text } from './helpers.ts';

describe('stress: nothing lost, nothing duplicated', () => {
  it('Queue: 4 producers x 25,000 items and 4 consumers, bounded and unbounded', async () => {
    for (const maxsize of [64, 0]) {
      // Unbounded: on a busy machine the producers can run far ahead of the consumers, and the queue
      // then really holds up to 100,000 items (16 bytes each, rings doubling): a 16 MiB heap holds that.
      const r = await runFixture('stress-queue', { params: { per: 25_000, maxsize }, heapBytes: 16 * 1024 * 1024 });
      expect(r.result.reason, `${r.result.message} ${r.result.errors.map((e) => e.traceback).join('\n')}`).toBe('finished');
      expect(counterValue(r, 'once')).toBe(100_000);
      expect(text(r)).toContain('items 100000, missing 0, duplicated 0, out of order 0, left 0');
    }
  }, 240_000);

  it('ProcessQueue: 4 producer processes x 25,000 items and 4 consumer processes', async () => {
    const r = await runFixture('stress-process-queue', { params: { per: 25_000 } });
    expect(r.result.reason, `${r.result.message} ${r.result.errors.map((e) => e.traceback).join('\n')}`).toBe('finished');
    expect(text(r)).toContain('items 100000, missing 0, duplicated 0, bad 0');
  }, 240_000);

  it('Event: set() then clear() 1,000 times against 10 waiters, no waiter lost', async () => {
    const r = await runFixture('stress-event', { params: { rounds: 1000 } });
    expect(r.result.reason, `${r.result.message} ${r.result.errors.map((e) => e.traceback).join('\n')}`).toBe('finished');
    expect(text(r)).toContain('rounds 1000, woke 10000 of 10000, lost 0, wrong rounds 0, set at end false');
  }, 240_000);

  it('Barrier of 5 over 1,000 generations with abort and reset mixed in, nobody left waiting', async () => {
    const r = await runFixture('stress-barrier', { params: { gens: 1000 } });
    expect(r.result.reason, `${r.result.message} ${r.result.errors.map((e) => e.traceback).join('\n')}`).toBe('finished');
    expect(text(r)).toMatch(/violations 0, waiting 0, broken now false, threads alive 0/);
  }, 240_000);
});
