/**
 * Semaphore, BoundedSemaphore, Event and Barrier: futex-style primitives on Atomics.wait / notify.
 * Main-thread rules for all: their waits block, so they run in workers only; the page reads nothing
 * of them but the thread states (blocked on semaphore / event / barrier).
 *
 * Semaphore (Dijkstra's P/V; Python's threading.Semaphore)
 *   O_WORD  count (>= 0)        O_AUX  number of threads announced as waiting
 *   O_AUX2  bound (BoundedSemaphore only)
 *   Invariant: a thread sleeps only on count == 0 and only after announcing itself in O_AUX; a
 *   release adds to the count first and then reads O_AUX, so (all operations being sequentially
 *   consistent) either the release sees the waiter and notifies, or the waiter sees the new count.
 *
 * Event (Python's threading.Event)
 *   O_WORD  flag, 0 or 1. set() stores 1 then wakes every waiter; waiters sleep only on 0.
 *
 * Barrier (Python's threading.Barrier; generation counting as in sense-reversing barriers,
 * Mellor-Crummey & Scott 1991)
 *   O_WORD  arrivals in this generation     O_AUX  generation     O_AUX2  parties
 *   The last arrival resets the count, then bumps the generation and wakes all; the others sleep
 *   while the generation is the one they arrived in. Resetting before bumping makes it reusable: a
 *   thread can only arrive in the next generation after seeing the bump, hence after the reset.
 */
import { ctx, deadlineFor, heap, markBlocked, markState, releasePending, remainingMs } from './context.ts';
import { DESCRIBE, registerDecoder } from './encode.ts';
import { BrokenBarrierError, ValueError } from './errors.ts';
import { ObjectKind, O_AUX, O_AUX2, O_WORD, ThreadState, WaitKind, objectWord } from './layout.ts';
import { ATTACH, idOf, type AttachOptions, type PrimitiveOptions } from './lock.ts';
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

  /** Takes one unit; blocks while none is left. `acquire(false)` only tries. Returns whether it got one. */
  acquire(blocking = true, timeout?: number): boolean {
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
        Atomics.wait(m, count, 0, left);
        Atomics.sub(m, waiters, 1);
      }
    } finally {
      if (blocked) markState(ThreadState.RUNNING);
    }
  }

  /** Gives back `n` units and wakes up to `n` waiters. */
  release(n = 1): void {
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
    return Atomics.load(h(), objectWord(this.id, O_WORD)) === 1;
  }

  /** Sets the flag and wakes every waiter. */
  set(): void {
    const w = objectWord(this.id, O_WORD);
    // Store before notify: a woken waiter re-reads the flag and must see 1.
    Atomics.store(h(), w, 1);
    Atomics.notify(h(), w);
  }

  clear(): void {
    Atomics.store(h(), objectWord(this.id, O_WORD), 0);
  }

  /** Blocks until the flag is set or `timeout` seconds pass; returns the flag. */
  wait(timeout?: number): boolean {
    const m = h();
    const w = objectWord(this.id, O_WORD);
    if (Atomics.load(m, w) === 1) return true;
    releasePending();
    const deadline = deadlineFor(timeout);
    markBlocked(WaitKind.EVENT, this.id);
    try {
      while (Atomics.load(m, w) === 0) {
        const left = remainingMs(deadline);
        if (left <= 0) return false;
        // Sleeps only while the flag is 0; set() in between makes this return at once.
        Atomics.wait(m, w, 0, left);
      }
      return true;
    } finally {
      markState(ThreadState.RUNNING);
    }
  }

  [DESCRIBE](): Descriptor {
    return { $interleave: 'Event', id: this.id };
  }
}

/** A reusable barrier for `parties` threads (Python's threading.Barrier). */
export class Barrier {
  readonly id: number;

  constructor(parties: number, options: PrimitiveOptions & AttachOptions = {}) {
    const m = heap();
    const attach = options[ATTACH];
    if (attach === undefined && (!Number.isInteger(parties) || parties < 1)) throw new ValueError('parties must be a positive integer');
    this.id = attach ?? allocObject(ObjectKind.BARRIER, options.name);
    if (attach === undefined) Atomics.store(m, objectWord(this.id, O_AUX2), parties);
  }

  get parties(): number {
    return Atomics.load(h(), objectWord(this.id, O_AUX2));
  }

  /**
   * Waits until `parties` threads have called wait(); returns this thread's arrival index
   * (0 .. parties-1). A timeout throws BrokenBarrierError and leaves the barrier broken.
   */
  wait(timeout?: number): number {
    const m = h();
    const count = objectWord(this.id, O_WORD);
    const gen = objectWord(this.id, O_AUX);
    const parties = Atomics.load(m, objectWord(this.id, O_AUX2));
    releasePending();
    // Read the generation before arriving: it cannot change until we (and the rest) have arrived.
    const g = Atomics.load(m, gen);
    const index = Atomics.add(m, count, 1);
    if (index === parties - 1) {
      // Last to arrive: reset for the next generation BEFORE releasing this one (reusability).
      Atomics.store(m, count, 0);
      Atomics.add(m, gen, 1);
      Atomics.notify(m, gen);
      return index;
    }
    const deadline = deadlineFor(timeout);
    markBlocked(WaitKind.BARRIER, this.id);
    try {
      while (Atomics.load(m, gen) === g) {
        const left = remainingMs(deadline);
        if (left <= 0) throw new BrokenBarrierError('Barrier wait timed out');
        Atomics.wait(m, gen, g, left);
      }
      return index;
    } finally {
      markState(ThreadState.RUNNING);
    }
  }

  [DESCRIBE](): Descriptor {
    return { $interleave: 'Barrier', id: this.id };
  }
}

registerDecoder('Semaphore', (d) => new Semaphore(0, { [ATTACH]: idOf(d) }));
registerDecoder('BoundedSemaphore', (d) => new BoundedSemaphore(0, { [ATTACH]: idOf(d) }));
registerDecoder('Event', (d) => new Event({ [ATTACH]: idOf(d) }));
registerDecoder('Barrier', (d) => new Barrier(1, { [ATTACH]: idOf(d) }));
