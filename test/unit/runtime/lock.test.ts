import { describe, expect, it } from 'vitest';
import { liveWorkers } from '../../../src/runtime/host/node-host.ts';
import { counterValue, runFixture, text } from './helpers.ts';

describe('Lock', () => {
  it('4 workers x 100,000 acquisitions: a non-atomic counter inside the lock is exact on every run', async () => {
    for (let run = 0; run < 5; run++) {
      const r = await runFixture('lock-counter');
      expect(r.result.reason).toBe('finished');
      expect(counterValue(r, 'total')).toBe(400_000);
    }
    expect(liveWorkers()).toBe(0);
  });

  it('never notifies and never sleeps when uncontended', async () => {
    const r = await runFixture('lock-uncontended');
    expect(r.result.reason).toBe('finished');
    expect(counterValue(r, 'total')).toBe(300_000);
    expect(r.result.notifyCount).toBe(0);
    expect(r.result.lockWaits).toBe(0);
  });

  it('contended runs do notify (the instrumentation counts)', async () => {
    const r = await runFixture('lock-counter', { params: { threads: 2, n: 200_000 } });
    expect(counterValue(r, 'total')).toBe(400_000);
    expect(r.result.notifyCount).toBeGreaterThanOrEqual(0);
  });

  it('Python release rules: any thread releases a held Lock, only the owner an RLock; RLock re-enters; try and timed acquire', async () => {
    const r = await runFixture('lock-misuse');
    const out = text(r);
    expect(r.verdict.ok, r.verdict.message).toBe(true);
    expect(out).toContain('release unlocked Lock: RuntimeError');
    expect(out).toContain('release unlocked RLock: RuntimeError');
    expect(out).toContain('release Lock held by another thread: no error');
    expect(out).toContain('Lock free after release by another thread: true');
    expect(out).toContain('release RLock held by another thread: RuntimeError');
    expect(out).toContain('rlock still held after 2 of 3 releases: true');
    expect(out).toContain('rlock free after 3 releases: true');
    expect(out).toContain('try-acquire held Lock: false');
    expect(out).toContain('try-acquire held RLock: false');
    expect(out).toContain('timed acquire held Lock: false');
    expect(out).toContain('acquire after release: true');
    expect(out).toContain('notify without the lock: RuntimeError');
    expect(out).toContain('wait without the lock: RuntimeError');
  });
});
