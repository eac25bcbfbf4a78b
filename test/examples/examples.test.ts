/**
 * Every example under content/examples/ runs in the Node host and meets its stated expectation.
 * Runnable exercises (meta.exercise) ship failing on purpose: for them the test checks that the
 * shipped code does NOT pass yet, so the exercise is real.
 */
import { describe, expect, it } from 'vitest';
import { listExampleIds, liveWorkers, loadExample, runExample } from '../../src/runtime/host/node-host.ts';

// Examples that only end by Stop or the time limit are ended sooner than their page limit here.
const SHORT_LIMIT_MS = 1000;

describe('every example under content/examples/ meets its stated expectation in the Node host', () => {
  const ids = listExampleIds();
  it('finds the examples', () => {
    expect(ids).toEqual(expect.arrayContaining(['race-conditions/counter-race', 'race-conditions/counter-lock', 'deadlocks/opposite-order', 'processes-and-threads/endless-loop', 'processes-and-threads/process-queue']));
  });
  for (const id of ids) {
    it(id, async () => {
      const { meta } = await loadExample(id);
      const r = await runExample(id, meta.expect.kind === 'timeout' ? { timeLimitMs: SHORT_LIMIT_MS } : {});
      const detail = `${r.verdict.message}\n${r.result.output.map((l) => `[${l.thread}] ${l.text}`).join('\n')}`;
      if (meta.exercise) expect(r.verdict.ok, `exercise ships passing already: ${detail}`).toBe(false);
      else expect(r.verdict.ok, detail).toBe(true);
      expect(liveWorkers()).toBe(0);
    });
  }
});
