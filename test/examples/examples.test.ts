import { describe, expect, it } from 'vitest';
import { listExampleIds, liveWorkers, runExample } from '../../src/runtime/host/node-host.ts';

// Examples that never end by themselves are ended sooner than their page time limit here.
const SHORT_LIMIT_MS: Record<string, number> = { 'basics/endless-loop': 1000 };

describe('every example under content/examples/ meets its stated expectation in the Node host', () => {
  const ids = listExampleIds();
  it('finds the examples', () => {
    expect(ids).toEqual(expect.arrayContaining(['locks/counter-race', 'locks/counter-lock', 'deadlock/opposite-order', 'basics/endless-loop', 'ipc/process-queue']));
  });
  for (const id of ids) {
    it(id, async () => {
      const limit = SHORT_LIMIT_MS[id];
      const r = await runExample(id, limit === undefined ? {} : { timeLimitMs: limit });
      expect(r.verdict.ok, `${r.verdict.message}\n${r.result.output.map((l) => `[${l.thread}] ${l.text}`).join('\n')}`).toBe(true);
      expect(liveWorkers()).toBe(0);
    });
  }
});
