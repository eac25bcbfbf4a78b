/**
 * Queue: a bounded FIFO between threads (Python's queue.Queue), a ring buffer in the run's heap.
 *
 * Built like CPython's queue.Queue: one mutex and two conditions on it, not_empty and not_full.
 * State encoding (Int32 words at byteOffset, then the slots):
 *   [0] mutex id  [1] not_empty id  [2] not_full id  [3] capacity  [4] head  [5] tail  [6] count
 *   [7] bytes per item
 *   slot i at byteOffset + HEADER_BYTES + i * (8 + itemBytes): [tag i32][length i32][payload]
 *   tag 1: a number (float64 payload); tag 2: JSON text (UTF-8 payload), shared objects as descriptors.
 * Invariants: head, tail, count and the slots are only touched while holding the mutex (the lock's
 * CAS/store are sequentially consistent, so plain accesses inside it are race-free); 0 <= count <=
 * capacity; put waits on not_full while count == capacity, get on not_empty while count == 0, each
 * in a loop (conditions allow spurious wake-ups).
 *
 * maxsize 0 means "unbounded" in Python; here memory is fixed, so it means DEFAULT_CAPACITY items.
 * Main-thread rules: put/get block; workers only. Between processes use ProcessQueue (messages).
 */
import { ctx, deadlineFor, heap, remainingMs } from './context.ts';
import { Condition } from './condition.ts';
import { DESCRIBE, decodeValue, encodeValue, registerDecoder } from './encode.ts';
import { Empty, Full } from './errors.ts';
import { allocBytes } from './layout.ts';
import { ATTACH, Lock, type AttachOptions } from './lock.ts';
import type { Descriptor, Encoded } from './protocol.ts';

const HEADER_BYTES = 32;
export const DEFAULT_CAPACITY = 1024;

export interface QueueOptions {
  /** Bytes per item (numbers need 8; other values are JSON). Default: 248. */
  itemBytes?: number;
  /** Name in telemetry. Default: "Queue-<n>". */
  name?: string;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export class Queue<T = unknown> {
  readonly byteOffset: number;
  readonly #mutex: Lock;
  readonly #notEmpty: Condition;
  readonly #notFull: Condition;

  /** `new Queue(maxsize)`: put blocks while `maxsize` items wait (0: DEFAULT_CAPACITY). */
  constructor(maxsize = 0, options: QueueOptions & AttachOptions = {}) {
    const h = heap();
    const attach = options[ATTACH];
    if (attach !== undefined) {
      this.byteOffset = attach;
      const w = attach / 4;
      this.#mutex = new Lock({ [ATTACH]: Atomics.load(h, w) });
      this.#notEmpty = new Condition(this.#mutex, { [ATTACH]: Atomics.load(h, w + 1) });
      this.#notFull = new Condition(this.#mutex, { [ATTACH]: Atomics.load(h, w + 2) });
      return;
    }
    const capacity = maxsize > 0 ? maxsize : DEFAULT_CAPACITY;
    const itemBytes = Math.ceil((options.itemBytes ?? 248) / 8) * 8;
    this.byteOffset = allocBytes(h, HEADER_BYTES + capacity * (8 + itemBytes), 8);
    const name = options.name ?? `Queue@${this.byteOffset}`;
    this.#mutex = new Lock({ name: `${name}.mutex` });
    this.#notEmpty = new Condition(this.#mutex, { name: `${name}.not_empty` });
    this.#notFull = new Condition(this.#mutex, { name: `${name}.not_full` });
    const w = this.byteOffset / 4;
    Atomics.store(h, w, this.#mutex.id);
    Atomics.store(h, w + 1, this.#notEmpty.id);
    Atomics.store(h, w + 2, this.#notFull.id);
    Atomics.store(h, w + 3, capacity);
    Atomics.store(h, w + 7, itemBytes);
  }

  #w(i: number): number {
    return this.byteOffset / 4 + i;
  }

  #word(i: number): number {
    return Atomics.load(ctx.heap as Int32Array, this.#w(i));
  }

  #set(i: number, v: number): void {
    Atomics.store(ctx.heap as Int32Array, this.#w(i), v);
  }

  /** Items waiting now (a snapshot; may be stale by the time you use it, as in Python). */
  qsize(): number {
    return this.#word(6);
  }

  empty(): boolean {
    return this.qsize() === 0;
  }

  full(): boolean {
    return this.qsize() === this.#word(3);
  }

  get maxsize(): number {
    return this.#word(3);
  }

  /** Adds an item; blocks while full (or throws Full if `block` is false or `timeout` seconds pass). */
  put(item: T, block = true, timeout?: number): void {
    const bytes = this.#encode(item);
    const deadline = block ? deadlineFor(timeout) : 0;
    this.#mutex.acquire();
    try {
      // A loop, not an if: another producer may fill the slot between the notify and our wake-up.
      while (this.#word(6) === this.#word(3)) {
        const left = block ? remainingMs(deadline) : 0;
        if (left <= 0) throw new Full('queue is full');
        this.#notFull.wait(left === Infinity ? undefined : left / 1000);
      }
      const tail = this.#word(5);
      this.#writeSlot(tail, bytes);
      this.#set(5, (tail + 1) % this.#word(3));
      this.#set(6, this.#word(6) + 1);
      this.#notEmpty.notify();
    } finally {
      this.#mutex.release();
    }
  }

  /** Removes and returns the oldest item; blocks while empty (Empty if `block` is false or on timeout). */
  get(block = true, timeout?: number): T {
    const deadline = block ? deadlineFor(timeout) : 0;
    this.#mutex.acquire();
    try {
      while (this.#word(6) === 0) {
        const left = block ? remainingMs(deadline) : 0;
        if (left <= 0) throw new Empty('queue is empty');
        this.#notEmpty.wait(left === Infinity ? undefined : left / 1000);
      }
      const head = this.#word(4);
      const item = this.#readSlot(head);
      this.#set(4, (head + 1) % this.#word(3));
      this.#set(6, this.#word(6) - 1);
      this.#notFull.notify();
      return item;
    } finally {
      this.#mutex.release();
    }
  }

  putNowait(item: T): void {
    this.put(item, false);
  }

  getNowait(): T {
    return this.get(false);
  }

  #encode(item: T): { tag: 1; value: number } | { tag: 2; bytes: Uint8Array } {
    if (typeof item === 'number') return { tag: 1, value: item };
    const bytes = encoder.encode(JSON.stringify(encodeValue(item, false, 'queue item')));
    const max = Atomics.load(heap(), this.#w(7));
    if (bytes.length > max) throw new RangeError(`queue item too large: ${bytes.length} bytes as JSON, at most ${max}; pass a larger itemBytes to new Queue()`);
    return { tag: 2, bytes };
  }

  #slot(i: number): number {
    return this.byteOffset + HEADER_BYTES + i * (8 + this.#word(7));
  }

  #writeSlot(i: number, e: { tag: 1; value: number } | { tag: 2; bytes: Uint8Array }): void {
    // Inside the mutex: plain accesses are ordered by the lock's atomic operations.
    const view = new DataView((ctx.heap as Int32Array).buffer);
    const at = this.#slot(i);
    view.setInt32(at, e.tag, true);
    if (e.tag === 1) {
      view.setFloat64(at + 8, e.value, true);
    } else {
      view.setInt32(at + 4, e.bytes.length, true);
      new Uint8Array(view.buffer, at + 8, e.bytes.length).set(e.bytes);
    }
  }

  #readSlot(i: number): T {
    const view = new DataView((ctx.heap as Int32Array).buffer);
    const at = this.#slot(i);
    if (view.getInt32(at, true) === 1) return view.getFloat64(at + 8, true) as T;
    const len = view.getInt32(at + 4, true);
    // TextDecoder refuses views of shared memory: copy out first.
    const copy = new Uint8Array(len);
    copy.set(new Uint8Array(view.buffer, at + 8, len));
    return decodeValue(JSON.parse(decoder.decode(copy)) as Encoded) as T;
  }

  [DESCRIBE](): Descriptor {
    return { $interleave: 'Queue', byteOffset: this.byteOffset };
  }
}

registerDecoder('Queue', (d) => {
  if (d.$interleave !== 'Queue') throw new TypeError('bad Queue descriptor');
  return new Queue(0, { [ATTACH]: d.byteOffset });
});
