/**
 * Shared values: SharedInt and SharedArray (Python's multiprocessing.Value and Array), named live
 * counters, and per-thread progress.
 *
 * State encoding: a SharedInt is one Int32 word in the heap's allocation area; a SharedArray is
 * `length` Int32 words or `length` 8-byte slots (float64 values kept as their bit patterns in a
 * BigInt64 view, because Atomics does not work on Float64Array).
 *
 * Invariant: every read is one Atomics.load and every write one Atomics.store, never plain
 * typed-array indexing. So `counter.value += 1` is a load and a store, each atomic, the pair not:
 * the same read-modify-write race as Python's `counter += 1`. (Plain indexing is not a faithful
 * race: the spec lets an engine merge `a[0]++` in a loop into one load and one store, and even
 * unmerged, unordered accesses lose updates erratically (none in some runs, most of a thread's in
 * others), which shows the engine and the store buffer rather than the race.) The atomic operations (add, sub,
 * compareExchange, ...) are the ones that are atomic as a whole. The one exception is opt-in and named:
 * `SharedArray.plainView()` hands out a plain Int32Array for examples whose subject IS unordered
 * accesses (atomics/store-buffering); nothing in the runtime uses it.
 *
 * Leaving an ended run: every access that reads (get, load, the read-modify-writes) counts down to a
 * look at the run-ended word (pollRunEnded in context.ts), and progress() looks every time, so a
 * spin-wait, a loop over shared values or one that reports progress leaves by RunEnded soon after
 * Stop. Plain stores do not count: `total.value += 1` then pays one countdown, not two (docs/runtime.md,
 * "Ending a run", has the bench figures). A
 * loop that only stores and never reads is ended by the browser, like one that never calls the runtime.
 *
 * Main-thread rules: the page only reads counters (Atomics.load through the telemetry reader).
 */
import { ctx, heap, pollRunEnded, post, throwIfRunEnded } from './context.ts';
import { C_EXPECTED, C_HAS_EXPECTED, C_INDEX, H_NEXT_COUNTER, MAX_COUNTERS, T_PROGRESS, T_PROGRESS_TOTAL, allocBytes, counterWord, threadWord } from './layout.ts';
import { DESCRIBE, registerDecoder } from './encode.ts';
import { ATTACH, type AttachOptions } from './lock.ts';
import type { Descriptor } from './protocol.ts';

/** A shared 32-bit integer, like Python's multiprocessing.Value('i'). */
export class SharedInt {
  /** Word index of the value in the heap (its only state). */
  readonly index: number;

  constructor(initial = 0, options: AttachOptions = {}) {
    const h = heap();
    const attach = options[ATTACH];
    this.index = attach ?? allocBytes(h, 4, 4) / 4;
    if (attach === undefined) Atomics.store(h, this.index, initial);
  }

  /** Reading is one Atomics.load. */
  get value(): number {
    pollRunEnded();
    return Atomics.load(ctx.heap as Int32Array, this.index);
  }

  /** Writing is one Atomics.store; `x.value += 1` is therefore two separate atomic steps. */
  set value(v: number) {
    Atomics.store(ctx.heap as Int32Array, this.index, v);
  }

  load(): number {
    pollRunEnded();
    return Atomics.load(ctx.heap as Int32Array, this.index);
  }
  store(v: number): number {
    return Atomics.store(ctx.heap as Int32Array, this.index, v);
  }
  /** Atomic `value += n`; returns the old value. */
  add(n: number): number {
    pollRunEnded();
    return Atomics.add(ctx.heap as Int32Array, this.index, n);
  }
  /** Atomic `value -= n`; returns the old value. */
  sub(n: number): number {
    pollRunEnded();
    return Atomics.sub(ctx.heap as Int32Array, this.index, n);
  }
  and(n: number): number {
    pollRunEnded();
    return Atomics.and(ctx.heap as Int32Array, this.index, n);
  }
  or(n: number): number {
    pollRunEnded();
    return Atomics.or(ctx.heap as Int32Array, this.index, n);
  }
  xor(n: number): number {
    pollRunEnded();
    return Atomics.xor(ctx.heap as Int32Array, this.index, n);
  }
  exchange(n: number): number {
    pollRunEnded();
    return Atomics.exchange(ctx.heap as Int32Array, this.index, n);
  }
  /** Stores `replacement` if the value equals `expected`; returns the value found. */
  compareExchange(expected: number, replacement: number): number {
    pollRunEnded();
    return Atomics.compareExchange(ctx.heap as Int32Array, this.index, expected, replacement);
  }

  [DESCRIBE](): Descriptor {
    return { $interleave: 'SharedInt', index: this.index };
  }
}

registerDecoder('SharedInt', (d) => {
  if (d.$interleave !== 'SharedInt') throw new TypeError('bad SharedInt descriptor');
  return new SharedInt(0, { [ATTACH]: d.index });
});

const scratchF = new Float64Array(1);
const scratchB = new BigInt64Array(scratchF.buffer);

/** Element type of a SharedArray: 'int32' (Python 'i') or 'float64' (Python 'd'). */
export type SharedArrayType = 'int32' | 'float64';

/** A shared fixed-size array, like Python's multiprocessing.Array. */
export class SharedArray {
  readonly type: SharedArrayType;
  readonly byteOffset: number;
  readonly length: number;

  /**
   * `new SharedArray('int32', 10)` (zeros) or `new SharedArray('float64', [1.5, 2.5])`.
   */
  constructor(type: SharedArrayType, init: number | readonly number[], options: AttachOptions & { byteOffset?: number } = {}) {
    const h = heap();
    this.type = type;
    this.length = typeof init === 'number' ? init : init.length;
    const attach = options[ATTACH];
    this.byteOffset = attach ?? allocBytes(h, this.length * (type === 'int32' ? 4 : 8), 8);
    if (attach === undefined && typeof init !== 'number') init.forEach((v, i) => this.set(i, v));
  }

  #check(i: number): void {
    if (!Number.isInteger(i) || i < 0 || i >= this.length) throw new RangeError(`SharedArray index ${i} out of range [0, ${this.length})`);
  }

  #i32(): Int32Array {
    return ctx.heap as Int32Array;
  }

  #i64(): BigInt64Array {
    return new BigInt64Array((ctx.heap as Int32Array).buffer, this.byteOffset, this.length);
  }

  /** One Atomics.load. */
  get(i: number): number {
    pollRunEnded();
    this.#check(i);
    if (this.type === 'int32') return Atomics.load(this.#i32(), this.byteOffset / 4 + i);
    scratchB[0] = Atomics.load(this.#i64(), i);
    return scratchF[0] as number;
  }

  /** One Atomics.store. */
  set(i: number, v: number): void {
    this.#check(i);
    if (this.type === 'int32') {
      Atomics.store(this.#i32(), this.byteOffset / 4 + i, v);
      return;
    }
    scratchF[0] = v;
    Atomics.store(this.#i64(), i, scratchB[0] as bigint);
  }

  /** Atomic `a[i] += n` (float64: a compareExchange loop on the bit pattern); returns the old value. */
  add(i: number, n: number): number {
    pollRunEnded();
    this.#check(i);
    if (this.type === 'int32') return Atomics.add(this.#i32(), this.byteOffset / 4 + i, n);
    const a = this.#i64();
    for (;;) {
      const oldBits = Atomics.load(a, i);
      scratchB[0] = oldBits;
      const old = scratchF[0] as number;
      scratchF[0] = old + n;
      // Retry if another thread changed the slot between our load and this CAS.
      if (Atomics.compareExchange(a, i, oldBits, scratchB[0] as bigint) === oldBits) return old;
    }
  }

  sub(i: number, n: number): number {
    return this.add(i, -n);
  }

  /** Int32 only: Atomics.compareExchange on element i. */
  compareExchange(i: number, expected: number, replacement: number): number {
    pollRunEnded();
    this.#check(i);
    if (this.type !== 'int32') throw new TypeError('compareExchange is for int32 SharedArrays');
    return Atomics.compareExchange(this.#i32(), this.byteOffset / 4 + i, expected, replacement);
  }

  exchange(i: number, v: number): number {
    pollRunEnded();
    this.#check(i);
    if (this.type !== 'int32') throw new TypeError('exchange is for int32 SharedArrays');
    return Atomics.exchange(this.#i32(), this.byteOffset / 4 + i, v);
  }

  /**
   * Int32 only: a plain Int32Array over this array's elements, the same memory the other threads
   * see. Indexing it (`v[0] = 1`, `v[1]`) makes ordinary accesses, *unordered* in the ECMAScript
   * memory model: the engine and the processor may reorder or merge them. For examples that show
   * exactly that (store buffering); use the atomic methods, or a lock, for shared data.
   */
  plainView(): Int32Array {
    if (this.type !== 'int32') throw new TypeError('plainView is for int32 SharedArrays');
    return new Int32Array((ctx.heap as Int32Array).buffer, this.byteOffset, this.length);
  }

  /** A copy of the values (each read atomic, the whole copy not). */
  toArray(): number[] {
    return Array.from({ length: this.length }, (_, i) => this.get(i));
  }

  [DESCRIBE](): Descriptor {
    return { $interleave: 'SharedArray', type: this.type, byteOffset: this.byteOffset, length: this.length };
  }
}

registerDecoder('SharedArray', (d) => {
  if (d.$interleave !== 'SharedArray') throw new TypeError('bad SharedArray descriptor');
  return new SharedArray(d.type, d.length, { [ATTACH]: d.byteOffset });
});

export interface CounterOptions {
  /** The value the example expects at the end, shown beside the live value (e.g. threads * n). */
  expected?: number;
  /** Initial value. Default 0. */
  initial?: number;
}

/**
 * A SharedInt the page shows live, by name: `const total = counter('total', { expected: 2 * n })`.
 * The host reads its value from the heap every animation frame and records it in the run result.
 */
export function counter(name: string, options: CounterOptions = {}): SharedInt {
  const h = heap();
  const i = Atomics.add(h, H_NEXT_COUNTER, 1);
  if (i >= MAX_COUNTERS) throw new RangeError(`interleave: at most ${MAX_COUNTERS} named counters per run`);
  const value = new SharedInt(options.initial ?? 0);
  if (options.expected !== undefined) {
    Atomics.store(h, counterWord(i, C_EXPECTED), options.expected);
    Atomics.store(h, counterWord(i, C_HAS_EXPECTED), 1);
  }
  post({ type: 'name', what: 'counter', id: i, name });
  // Published last: a reader that sees a non-zero index sees the expectation and the name was sent.
  Atomics.store(h, counterWord(i, C_INDEX), value.index);
  return value;
}

/** Reports this thread's progress for the page's lanes, e.g. `progress(i, n)` every 10,000 steps. */
export function progress(done: number, total?: number): void {
  const h = ctx.heap;
  if (h === null || ctx.tid === 0) return;
  // Called every many thousand steps of a loop, so it looks at the run-ended word every time.
  throwIfRunEnded(h);
  Atomics.store(h, threadWord(ctx.tid, T_PROGRESS), done);
  if (total !== undefined) Atomics.store(h, threadWord(ctx.tid, T_PROGRESS_TOTAL), total);
}
