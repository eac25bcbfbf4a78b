/**
 * Condition: a condition variable over a Lock or RLock (Python's threading.Condition).
 *
 * State encoding: O_WORD is a sequence number, bumped by every notify; O_AUX counts registered waiters
 * not yet signalled; O_AUX2 counts wake-up tokens. notify(n) moves up to n from O_AUX to O_AUX2; a
 * waiter returns True only with a token, so notify(n) releases at most n, as in Python. O_AUX changes
 * only under the lock (a wait registers, a notify signals, a waiter that gives up unsignalled leaves,
 * after re-acquiring the lock and finding no token); tokens are taken without it.
 * wait() reads the sequence number WHILE HOLDING THE LOCK, releases the lock, and sleeps only while
 * the number is unchanged. A notify needs the lock, so it can only happen after our read; it bumps
 * the number, so our Atomics.wait either returns "not-equal" at once or is woken: no wake-up is lost.
 * (Waiting on a constant instead loses wake-ups that fall between the unlock and the wait; a known
 * JS library does exactly that.) This is the futex condition variable of Drepper's "Futexes Are
 * Tricky" (section on condvars) / early glibc, plus wake-up tokens (below) so that wait() returns only
 * when notified or timed out, as Python's (callers still re-check their predicate: another thread may
 * have taken what the notify was about).
 *
 * Preconditions: wait and notify require the calling thread to hold the lock (RuntimeError if not).
 * Timeouts as in Python: None (undefined) waits forever; zero or a negative value does not sleep, the
 * wait returns False after releasing and re-acquiring the lock.
 * Main-thread rules: wait blocks; workers only.
 */
import { ctx, deadlineFor, futexWait, markBlocked, markState, releasePending, remainingMs } from './context.ts';
import { DESCRIBE, decodeValue, registerDecoder } from './encode.ts';
import { RuntimeError } from './errors.ts';
import { ObjectKind, O_AUX, O_AUX2, O_WORD, ThreadState, WaitKind, objectWord } from './layout.ts';
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
    const tokens = objectWord(this.id, O_AUX2);
    let notified = false;
    try {
      // Sleeps only while no notify happened since the sequence was read; then takes a wake-up token
      // if one is left. A notify that found us registered left one for us, so a waiter that had not
      // gone to sleep yet cannot make notify(n) release more than n (Python's guarantee).
      for (let s = seq; ; ) {
        futexWait(h, seqWord, s, remainingMs(deadline));
        s = Atomics.load(h, seqWord);
        if (takeToken(h, tokens)) {
          notified = true;
          break;
        }
        if (remainingMs(deadline) <= 0) break;
      }
    } finally {
      markState(ThreadState.RUNNING);
      if (this.lock instanceof RLock) this.lock.restore(saved);
      else this.lock.acquire();
      // Holding the lock again (no notify runs now): a token issued for us after we gave up is ours,
      // so that tokens never outnumber registered waiters and no later notify is swallowed.
      if (!notified) {
        notified = takeToken(h, tokens);
        // Leaving unsignalled: one registered waiter fewer for notify to count.
        if (!notified) Atomics.sub(h, objectWord(this.id, O_AUX), 1);
      }
    }
    return notified;
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
    // Tokens for up to n registered, unsignalled waiters. O_AUX changes only under the lock (register,
    // notify, leave unsignalled), which we hold, so this read and the update below are one step.
    const unsignalled = objectWord(this.id, O_AUX);
    const k = Math.min(n, Atomics.load(h, unsignalled));
    if (k <= 0) return;
    Atomics.sub(h, unsignalled, k);
    Atomics.add(h, objectWord(this.id, O_AUX2), k);
    // Tokens first, then the bump: a waiter that sees the new sequence also sees its token; one between
    // its read and its sleep sees "not-equal" and does not sleep.
    Atomics.add(h, seqWord, 1);
    Atomics.notify(h, seqWord, k);
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

/** Takes one wake-up token if any is left (a compareExchange loop; tokens are never negative). */
function takeToken(h: Int32Array, w: number): boolean {
  for (let t = Atomics.load(h, w); t > 0; t = Atomics.load(h, w)) {
    if (Atomics.compareExchange(h, w, t, t - 1) === t) return true;
  }
  return false;
}

registerDecoder('Condition', (d) => {
  if (d.$interleave !== 'Condition') throw new TypeError('bad Condition descriptor');
  const lock = decodeValue(d.lock) as Lock | RLock;
  return new Condition(lock, { [ATTACH]: d.id });
});
