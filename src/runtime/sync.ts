/**
 * Semaphore, BoundedSemaphore, Event and Barrier, with Python's semantics (Lib/threading.py).
 * Main-thread rules for all: their waits block, so they run in workers only; the page reads nothing
 * of them but the thread states (blocked on semaphore / event / barrier).
 *
 * Semaphore (Dijkstra's P/V; Python's threading.Semaphore): a futex on the count.
 *   O_WORD  count (>= 0)        O_AUX  number of threads announced as waiting
 *   O_AUX2  bound (BoundedSemaphore only)
 *   Invariant: a thread sleeps only on count == 0 and only after announcing itself in O_AUX; a
 *   release adds to the count first and then reads O_AUX, so (all operations being sequentially
 *   consistent) either the release sees the waiter and notifies, or the waiter sees the new count.
 *   Arguments as Python: acquire(false, timeout) is a ValueError; a timeout <= 0 does not sleep;
 *   release(n) with n < 1 is a ValueError.
 *
 * Event (Python's threading.Event): one word, (generation << 1) | flag.
 *   set() on a clear flag bumps the generation and sets the flag in one compareExchange, then wakes
 *   all; clear() only drops the flag. A waiter reads the word while the flag is clear and sleeps only
 *   while the word is unchanged; a clear() of a clear flag writes nothing, so ANY change it sees means
 *   a set() happened after its read, and it returns True even if the flag was cleared again before it
 *   woke. That is CPython's guarantee since gh-57711 (bpo-13502): every thread waiting when set() is
 *   called returns True (CPython gets it from Condition.notify_all; the generation gives it here).
 *
 * Barrier (Python's threading.Barrier): Python's own algorithm, transcribed, on a Lock and a
 *   Condition in the heap (so abort, reset, broken, action and timeouts behave exactly as Python's).
 *   O_WORD  state: 0 filling, 1 draining, -1 resetting, -2 broken
 *   O_AUX   count: threads inside wait()          O_AUX2  parties
 *   Every access to state and count is made holding the barrier's lock. The action (an exported
 *   function of the example, so every worker can call it by name) runs in the last thread to arrive,
 *   before the others are released; if it throws, the barrier breaks. A wait that times out breaks
 *   the barrier: every waiter, and every later wait until reset(), raises BrokenBarrierError.
 */
import { Condition } from './condition.ts';
import { ctx, deadlineFor, futexWait, heap, markBlocked, markState, releasePending, remainingMs } from './context.ts';
import { DESCRIBE, registerDecoder } from './encode.ts';
import { BrokenBarrierError, ValueError } from './errors.ts';
import { ObjectKind, O_AUX, O_AUX2, O_WORD, ThreadState, WaitKind, objectWord } from './layout.ts';
import { ATTACH, Lock, idOf, type AttachOptions, type PrimitiveOptions } from './lock.ts';
import { exportNameOf } from './thread.ts';
import { allocObject } from './objects.ts';
import type { Descriptor } from './protocol.ts';
import { held } from './held.ts';

function h(): Int32Array {
  return ctx.heap as Int32Array;
}

/** A counting semaphore, like Python's threading.Semaphore(value). */
export class Semaphore {
  readonly id: number;

  constructor(value = 1, options: PrimitiveOptions & AttachOptions = {}, kind: ObjectKind = ObjectKind.SEMAPHORE) {
    if (value < 0) throw new ValueError('semaphore initial value must be >= 0');
    const heapView = heap();
    const attach = options[ATTACH];
    this.id = attach ?? allocObject(kind, options.name);
    if (attach === undefined) {
      Atomics.store(heapView, objectWord(this.id, O_WORD), value);
      Atomics.store(heapView, objectWord(this.id, O_AUX2), value);
    }
  }

  /**
   * Takes one unit; blocks while none is left, at most `timeout` seconds if given (<= 0: no sleep).
   * `acquire(false)` only tries. Returns whether it got one.
   */
  acquire(blocking = true, timeout?: number): boolean {
    if (!blocking && timeout !== undefined) throw new ValueError("can't specify timeout for non-blocking acquire");
    const m = h();
    const count = objectWord(this.id, O_WORD);
    const waiters = objectWord(this.id, O_AUX);
    let deadline = Infinity;
    let blocked = false;
    try {
      for (;;) {
        const c = Atomics.load(m, count);
        if (c > 0) {
          // Take one unit only if nobody took it since our load.
          if (Atomics.compareExchange(m, count, c, c - 1) === c) return true;
          continue;
        }
        if (!blocking) return false;
        if (!blocked) {
          releasePending();
          deadline = deadlineFor(timeout);
          markBlocked(WaitKind.SEMAPHORE, this.id);
          blocked = true;
        }
        // Announce, then re-check: a release after our load either sees us or left a unit we see.
        Atomics.add(m, waiters, 1);
        const left = remainingMs(deadline);
        if (left <= 0) {
          Atomics.sub(m, waiters, 1);
          return false;
        }
        try {
          futexWait(m, count, 0, left);
        } finally {
          Atomics.sub(m, waiters, 1);
        }
      }
    } finally {
      if (blocked) markState(ThreadState.RUNNING);
    }
  }

  /** Gives back `n` units (n >= 1, else ValueError) and wakes up to `n` waiters. */
  release(n = 1): void {
    if (!(n >= 1)) throw new ValueError('n must be one or more');
    const m = h();
    Atomics.add(m, objectWord(this.id, O_WORD), n);
    // Count first, then look for waiters (see the invariant in the file comment).
    if (Atomics.load(m, objectWord(this.id, O_AUX)) > 0) Atomics.notify(m, objectWord(this.id, O_WORD), n);
  }

  /** Units left right now. */
  get value(): number {
    return Atomics.load(h(), objectWord(this.id, O_WORD));
  }

  with<T>(body: () => T): T {
    return held(this, body);
  }

  [DESCRIBE](): Descriptor {
    return { $interleave: 'Semaphore', id: this.id };
  }
}

/** A semaphore that may not be released above its initial value (Python's BoundedSemaphore). */
export class BoundedSemaphore extends Semaphore {
  constructor(value = 1, options: PrimitiveOptions & AttachOptions = {}) {
    super(value, options, ObjectKind.BOUNDED_SEMAPHORE);
  }

  /** Throws ValueError if the count would exceed the initial value. */
  override release(n = 1): void {
    if (!(n >= 1)) throw new ValueError('n must be one or more');
    const m = h();
    const count = objectWord(this.id, O_WORD);
    const bound = Atomics.load(m, objectWord(this.id, O_AUX2));
    for (;;) {
      const c = Atomics.load(m, count);
      if (c + n > bound) throw new ValueError('Semaphore released too many times');
      // Add only if the count is still what we checked against the bound.
      if (Atomics.compareExchange(m, count, c, c + n) === c) break;
    }
    if (Atomics.load(m, objectWord(this.id, O_AUX)) > 0) Atomics.notify(m, count, n);
  }

  override [DESCRIBE](): Descriptor {
    return { $interleave: 'BoundedSemaphore', id: this.id };
  }
}

/** A flag threads can wait for (Python's threading.Event). */
export class Event {
  readonly id: number;

  constructor(options: PrimitiveOptions & AttachOptions = {}) {
    heap();
    this.id = options[ATTACH] ?? allocObject(ObjectKind.EVENT, options.name);
  }

  isSet(): boolean {
    return (Atomics.load(h(), objectWord(this.id, O_WORD)) & 1) === 1;
  }

  /** Sets the flag and wakes every waiter; each of them returns True, even if clear() follows at once. */
  set(): void {
    const m = h();
    const w = objectWord(this.id, O_WORD);
    for (;;) {
      const c = Atomics.load(m, w);
      if ((c & 1) === 1) return;
      // Next generation, flag set: (c + 2) | 1 == c + 3 because the flag bit of c is clear.
      if (Atomics.compareExchange(m, w, c, (c + 3) | 0) === c) break;
    }
    Atomics.notify(m, w);
  }

  clear(): void {
    const m = h();
    const w = objectWord(this.id, O_WORD);
    for (;;) {
      const c = Atomics.load(m, w);
      // Never writes a clear word: waiters treat any change of the word as "a set() happened".
      if ((c & 1) === 0 || Atomics.compareExchange(m, w, c, c & ~1) === c) return;
    }
  }

  /**
   * Blocks until the flag is set or `timeout` seconds pass (undefined: no limit; <= 0: no sleep).
   * Returns True if the flag was set, or set while this thread waited (even if cleared since).
   */
  wait(timeout?: number): boolean {
    const m = h();
    const w = objectWord(this.id, O_WORD);
    const c = Atomics.load(m, w);
    if ((c & 1) === 1) return true;
    releasePending();
    const deadline = deadlineFor(timeout);
    markBlocked(WaitKind.EVENT, this.id);
    try {
      for (;;) {
        // Sleeps only while the word is still c; a set() since our read changed it.
        futexWait(m, w, c, remainingMs(deadline));
        if (Atomics.load(m, w) !== c) return true;
        if (remainingMs(deadline) <= 0) return false;
      }
    } finally {
      markState(ThreadState.RUNNING);
    }
  }

  [DESCRIBE](): Descriptor {
    return { $interleave: 'Event', id: this.id };
  }
}

/** Options of a Barrier, as Python's Barrier(parties, action=None, timeout=None). */
export interface BarrierOptions extends PrimitiveOptions {
  /**
   * Called once per generation by one of the threads (the last to arrive) before any is released.
   * Must be a function exported by the example module (every thread calls it by name).
   */
  action?: () => void;
  /** Default timeout in seconds for wait() (undefined: none). */
  timeout?: number;
}

interface BarrierParts {
  lock: number;
  cond: number;
  action: string | null;
  timeout: number | null;
}

const FILLING = 0;
const DRAINING = 1;
const RESETTING = -1;
const BROKEN = -2;

/** A reusable barrier for `parties` threads (Python's threading.Barrier). */
export class Barrier {
  readonly id: number;
  readonly #cond: Condition;
  readonly #parts: BarrierParts;
  readonly #state: number;
  readonly #count: number;

  constructor(parties: number, options: BarrierOptions & AttachOptions & { [BARRIER_PARTS]?: BarrierParts } = {}) {
    const m = heap();
    const attach = options[ATTACH];
    const parts = options[BARRIER_PARTS];
    if (attach !== undefined && parts !== undefined) {
      this.id = attach;
      this.#parts = parts;
      this.#cond = new Condition(new Lock({ [ATTACH]: parts.lock }), { [ATTACH]: parts.cond });
    } else {
      if (!Number.isInteger(parties) || parties < 1) throw new ValueError('parties must be >= 1');
      if (options.timeout !== undefined && !(options.timeout >= 0)) throw new ValueError('timeout must be a non-negative number');
      this.id = allocObject(ObjectKind.BARRIER, options.name);
      const name = options.name ?? `Barrier-${this.id}`;
      const lock = new Lock({ name: `${name}.lock` });
      this.#cond = new Condition(lock, { name: `${name}.cond` });
      this.#parts = {
        lock: lock.id,
        cond: this.#cond.id,
        action: options.action === undefined ? null : exportNameOf(options.action),
        timeout: options.timeout ?? null,
      };
      Atomics.store(m, objectWord(this.id, O_AUX2), parties);
    }
    this.#state = objectWord(this.id, O_WORD);
    this.#count = objectWord(this.id, O_AUX);
  }

  /** How many threads must call wait() to pass it. */
  get parties(): number {
    return Atomics.load(h(), objectWord(this.id, O_AUX2));
  }

  /** Threads waiting in wait() now (Python's n_waiting). */
  get nWaiting(): number {
    const m = h();
    return Atomics.load(m, this.#state) === FILLING ? Atomics.load(m, this.#count) : 0;
  }

  /** Whether the barrier is broken (a wait timed out, abort(), or the action threw). */
  get broken(): boolean {
    return Atomics.load(h(), this.#state) === BROKEN;
  }

  /**
   * Waits until `parties` threads have called wait(); returns this thread's arrival index
   * (0 .. parties-1). `timeout` (seconds; default: the barrier's) that runs out breaks the barrier
   * and throws BrokenBarrierError here and in every other waiter; so does a broken barrier.
   */
  wait(timeout?: number): number {
    const t = timeout ?? this.#parts.timeout ?? undefined;
    const m = h();
    releasePending();
    return this.#cond.with(() => {
      this.#enter();
      const index = Atomics.load(m, this.#count);
      Atomics.store(m, this.#count, index + 1);
      try {
        if (index + 1 === this.parties) this.#release();
        else this.#wait(t);
        return index;
      } finally {
        Atomics.store(m, this.#count, Atomics.load(m, this.#count) - 1);
        this.#exit();
      }
    });
  }

  /** Returns the barrier to its empty state; threads waiting in it get BrokenBarrierError. */
  reset(): void {
    const m = h();
    this.#cond.with(() => {
      if (Atomics.load(m, this.#count) > 0) {
        const s = Atomics.load(m, this.#state);
        // Filling: wake the waiters as broken; broken: stay "resetting" until the last one leaves.
        if (s === FILLING || s === BROKEN) Atomics.store(m, this.#state, RESETTING);
      } else {
        Atomics.store(m, this.#state, FILLING);
      }
      this.#cond.notifyAll();
    });
  }

  /** Breaks the barrier: current and later waits throw BrokenBarrierError until reset(). */
  abort(): void {
    this.#cond.with(() => this.#break());
  }

  #break(): void {
    Atomics.store(h(), this.#state, BROKEN);
    this.#cond.notifyAll();
  }

  /** Waits while the barrier drains or resets, then fails if it is broken. */
  #enter(): void {
    const m = h();
    this.#cond.waitForAs(() => {
      const s = Atomics.load(m, this.#state);
      return s !== RESETTING && s !== DRAINING;
    }, undefined, WaitKind.BARRIER, this.id);
    if (Atomics.load(m, this.#state) < 0) throw new BrokenBarrierError('the barrier is broken');
  }

  /** The last arrival: runs the action, then lets the generation go. */
  #release(): void {
    try {
      const name = this.#parts.action;
      if (name !== null) {
        const fn = ctx.module?.[name];
        if (typeof fn !== 'function') throw new TypeError(`the barrier's action ${name} is not an export of the example`);
        (fn as () => unknown)();
      }
      Atomics.store(h(), this.#state, DRAINING);
      this.#cond.notifyAll();
    } catch (e) {
      this.#break();
      throw e;
    }
  }

  #wait(timeout: number | undefined): void {
    const m = h();
    const released = this.#cond.waitForAs(() => Atomics.load(m, this.#state) !== FILLING, timeout, WaitKind.BARRIER, this.id);
    if (!released) {
      this.#break();
      throw new BrokenBarrierError('the barrier wait timed out; the barrier is now broken');
    }
    if (Atomics.load(m, this.#state) < 0) throw new BrokenBarrierError('the barrier is broken');
  }

  /** The last thread out of a draining or resetting barrier opens it for the next generation. */
  #exit(): void {
    const m = h();
    if (Atomics.load(m, this.#count) !== 0) return;
    const s = Atomics.load(m, this.#state);
    if (s === RESETTING || s === DRAINING) {
      Atomics.store(m, this.#state, FILLING);
      this.#cond.notifyAll();
    }
  }

  [DESCRIBE](): Descriptor {
    return { $interleave: 'Barrier', id: this.id, ...this.#parts };
  }
}

/** Internal: the ids and settings a Barrier handle is rebuilt from. */
const BARRIER_PARTS: unique symbol = Symbol('interleave.barrierParts');

registerDecoder('Semaphore', (d) => new Semaphore(0, { [ATTACH]: idOf(d) }));
registerDecoder('BoundedSemaphore', (d) => new BoundedSemaphore(0, { [ATTACH]: idOf(d) }));
registerDecoder('Event', (d) => new Event({ [ATTACH]: idOf(d) }));
registerDecoder('Barrier', (d) => {
  if (d.$interleave !== 'Barrier') throw new TypeError('bad Barrier descriptor');
  return new Barrier(1, { [ATTACH]: d.id, [BARRIER_PARTS]: { lock: d.lock, cond: d.cond, action: d.action, timeout: d.timeout } });
});
