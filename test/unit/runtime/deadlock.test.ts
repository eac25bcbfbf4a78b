import { describe, expect, it } from 'vitest';
import { liveWorkers, runExample } from '../../../src/runtime/host/node-host.ts';
import { runFixture } from './helpers.ts';

describe('deadlock detection', () => {
  it('reports two threads taking two locks in opposite order, with the cycle, within 1 s, and ends them', async () => {
    const r = await runExample('deadlocks/opposite-order');
    expect(r.result.reason).toBe('deadlock');
    expect(r.result.deadlock?.text).toMatch(/^(T1 holds A, waits for B; T2 holds B, waits for A|T2 holds B, waits for A; T1 holds A, waits for B)$/);
    // From the moment the later thread started (it then sleeps 10 ms and blocks) to the end of the run.
    const starts = r.result.threads.filter((t) => t.name === 'T1' || t.name === 'T2').map((t) => t.startMs ?? Infinity);
    const detectedAfter = r.result.wallMs - Math.max(...starts);
    console.log(`deadlock detected ${detectedAfter.toFixed(0)} ms after both threads started`);
    expect(detectedAfter).toBeLessThan(1000);
    expect(liveWorkers()).toBe(0);
  });
});

describe('timed waits', () => {
  it('are not reported as a deadlock: a cycle whose waits all have deadlines ends by itself', async () => {
    const r = await runFixture('timed-cycle');
    expect(r.result.reason, r.result.message).toBe('finished');
    expect(r.result.output.filter((l) => l.text === 'gave up').map((l) => l.thread).sort()).toEqual(['T1', 'T2']);
    expect(liveWorkers()).toBe(0);
  });
});

describe('errors in threads', () => {
  it('are reported like Python (thread name + traceback at the TypeScript line) and the other threads go on', async () => {
    const r = await runFixture('throws');
    expect(r.result.reason).toBe('error');
    expect(r.result.errors).toHaveLength(1);
    const e = r.result.errors[0];
    expect(e?.thread).toBe('T1');
    expect(e?.message).toBe('Error: boom');
    expect(e?.traceback).toContain('Exception in thread T1:');
    expect(e?.traceback).toMatch(/at bad \(throws\.ts:10:\d+\)/);
    const out = r.result.output.map((l) => l.text);
    expect(out).toContain('good thread still ran');
    expect(out).toContain('main done');
  });
});
