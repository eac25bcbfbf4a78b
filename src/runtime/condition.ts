/**
 * Condition: a condition variable over a Lock or RLock (Python's threading.Condition).
 *
 * State encoding: O_WORD is a sequence number, bumped by every notify; O_AUX counts waiters.
 * wait() reads the sequence number WHILE HOLDING THE LOCK, releases the lock, and sleeps only while
 * the number is unchanged. A notify needs the lock, so it can only happen after our read; it bumps
 * the number, so our Atomics.wait either returns "not-equal" at once or is woken: no wake-up is lost.
 * (Waiting on a constant instead loses wake-ups that fall between the unlock and the wait; a known
 * JS library does exactly that.) This is the futex condition variable of Drepper's "Futexes Are
 * Tricky" (section on condvars) / early glibc; like Python's, it allows spurious wake-ups, so callers
 * re-check their predicate in a loop (waitFor does).
 *
 * Preconditions: wait and notify require the calling thread to hold the lock (RuntimeError if not).
 * Timeouts as in Python: None (undefined) waits forever; zero or a negative value does not sleep, the
 * wait returns False after releasing and re-acquiring the lock.
 * Main-thread rules: wait blocks; workers only.
 */
import { ctx, deadlineFor, futexWait, markBlocked, markState, releasePending, remainingMs } from './context.ts';
import { DESCRIBE, decodeValue, registerDecoder } from './encode.ts';
import { RuntimeError } from './errors.ts';
import { ObjectKind, O_AUX, O_WORD, ThreadState, WaitKind, objectWord } from './layout.ts';
import { ATTACH, Lock, RLock, type AttachOptions, type PrimitiveOptions } from './lock.ts';
import { allocObject } from './objects.ts';
import type { Descriptor } from './protocol.ts';
import { held } from './held.ts';

export class Condition {
  readonly id: number;
  readonly lock: Lock | RLock;

  /** `new Condition()` makes its own RLock, like Python; or pass the lock to share. */
  constructor(lock?: Lock | RLock, options: PrimitiveOptions & AttachOptions = {}) {
    this.lock = lock ?? new RLock(options.name === undefined ? {} : { name: `${options.name}.lock` });
    this.id = options[ATTACH] ?? allocObject(ObjectKind.CONDITION, options.name);
  }

  acquire(blocking = true, timeout = -1): boolean {
    return this.lock.acquire(blocking, timeout);
  }

  release(): void {
    this.lock.release();
  }

  /** Releases the lock, sleeps until notified (or `timeout` seconds), re-acquires. False on timeout. */
  wait(timeout?: number): boolean {
    return this.waitAs(timeout, WaitKind.CONDITION, this.id);
  }

  /**
   * Internal: wait() that shows the thread in telemetry as waiting for `kind` / `obj` (a Barrier or a
   * Queue built on this condition shows its own name, not its condition's).
   */
  waitAs(timeout: number | undefined, kind: WaitKind, obj: number): boolean {
    if (!this.lock.ownedByCurrentThread()) throw new RuntimeError('cannot wait on un-acquired lock');
    const h = ctx.heap as Int32Array;
    const seqWord = objectWord(this.id, O_WORD);
    releasePending();
    const deadline = deadlineFor(timeout);
    // Read the sequence while holding the lock: any notify that could concern us comes after this.
    const seq = Atomics.load(h, seqWord);
    Atomics.add(h, objectWord(this.id, O_AUX), 1);
    const saved = this.lock instanceof RLock ? this.lock.releaseAll() : (this.lock.release(), 0);
    markBlocked(kind, obj);
    let result: 'ok' | 'not-equal' | 'timed-out' = 'not-equal';
    try {
      // Sleeps only while no notify happened since our read.
      result = futexWait(h, seqWord, seq, remainingMs(deadline));
    } finally {
      Atomics.sub(h, objectWord(this.id, O_AUX), 1);
      markState(ThreadState.RUNNING);
      if (this.lock instanceof RLock) this.lock.restore(saved);
      else this.lock.acquire();
    }
    return result !== 'timed-out';
  }

  /** Waits until `predicate()` is true (re-checked after every wake-up); returns its last value. */
  waitFor(predicate: () => boolean, timeout?: number): boolean {
    return this.waitForAs(predicate, timeout, WaitKind.CONDITION, this.id);
  }

  /** Internal: waitFor with the telemetry of waitAs. */
  waitForAs(predicate: () => boolean, timeout: number | undefined, kind: WaitKind, obj: number): boolean {
    const deadline = deadlineFor(timeout);
    let ok = predicate();
    while (!ok) {
      const left = remainingMs(deadline);
      if (left <= 0) break;
      this.waitAs(left === Infinity ? undefined : left / 1000, kind, obj);
      ok = predicate();
    }
    return ok;
  }

  /** Wakes up to `n` waiters. Requires the lock. */
  notify(n = 1): void {
    if (!this.lock.ownedByCurrentThread()) throw new RuntimeError('cannot notify on un-acquired lock');
    const h = ctx.heap as Int32Array;
    const seqWord = objectWord(this.id, O_WORD);
    // Bump first: a waiter between its read and its wait then sees "not-equal" and does not sleep.
    Atomics.add(h, seqWord, 1);
    if (Atomics.load(h, objectWord(this.id, O_AUX)) > 0) Atomics.notify(h, seqWord, n);
  }

  notifyAll(): void {
    this.notify(Infinity);
  }

  with<T>(body: () => T): T {
    return held(this, body);
  }

  [DESCRIBE](): Descriptor {
    const lock = this.lock[DESCRIBE]();
    return { $interleave: 'Condition', id: this.id, lock };
  }
}

registerDecoder('Condition', (d) => {
  if (d.$interleave !== 'Condition') throw new TypeError('bad Condition descriptor');
  const lock = decodeValue(d.lock) as Lock | RLock;
  return new Condition(lock, { [ATTACH]: d.id });
});
