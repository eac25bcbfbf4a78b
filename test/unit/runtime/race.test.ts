import { describe, expect, it } from 'vitest';
import { runExample } from '../../../src/runtime/host/node-host.ts';

// The article's parameters (BRIEF: 2 threads x 1e6 increments, Atomics.load then Atomics.store, started together).
describe('the race itself', () => {
  it('the unlocked counter loses updates in at least 19 of 20 runs', async () => {
    let lossy = 0;
    const totals: number[] = [];
    for (let i = 0; i < 20; i++) {
      const r = await runExample('race-conditions/counter-race');
      expect(r.params).toEqual({ threads: 2, n: 1_000_000 });
      const c = r.result.counters.find((x) => x.name === 'total');
      totals.push(c?.value ?? -1);
      if (c !== undefined && c.expected !== null && c.value < c.expected) lossy++;
    }
    console.log(`counter-race: ${lossy}/20 runs lost updates; totals ${totals.join(', ')}`);
    expect(lossy).toBeGreaterThanOrEqual(19);
  });

  it('the locked counter never does', async () => {
    for (let i = 0; i < 10; i++) {
      const r = await runExample('race-conditions/counter-lock');
      expect(r.verdict.ok, r.verdict.message).toBe(true);
      expect(r.result.counters.find((x) => x.name === 'total')?.value).toBe(2_000_000);
    }
  });
});
