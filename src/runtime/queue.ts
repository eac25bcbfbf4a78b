/**
 * Queue: a FIFO between threads (Python's queue.Queue), a ring buffer in the run's heap.
 *
 * Built as CPython's Lib/queue.py, and its methods are transcribed from it: one mutex and three
 * conditions on it, not_empty, not_full and all_tasks_done; unfinished_tasks for task_done()/join();
 * is_shutdown for shutdown() (Python 3.13).
 *
 * State encoding (Int32 words at byteOffset, HEADER_BYTES long):
 *   [0] mutex id  [1] not_empty id  [2] not_full id  [3] capacity (slots in the ring)  [4] head
 *   [5] tail  [6] count  [7] bytes per item  [8] byte offset of the ring  [9] unfinished tasks
 *   [10] shut down (0/1)  [11] maxsize as given  [12] all_tasks_done id
 *   ring slot i at ring + i * (8 + itemBytes): [tag i32][length i32][payload]
 *   tag 1: a number (float64 payload); tag 2: JSON text (UTF-8 payload), shared objects as descriptors.
 * Invariants: every word but the ids, [7] and [11] and the slots are only touched while holding the
 * mutex (the lock's CAS/store are sequentially consistent, so plain accesses inside it are race-free);
 * 0 <= count <= capacity; put waits on not_full while count >= maxsize (bounded only), get on
 * not_empty while count == 0, each in a loop (conditions allow spurious wake-ups).
 *
 * maxsize <= 0 means unbounded, as in Python: the ring starts with UNBOUNDED_INITIAL slots and, when a
 * put finds it full, doubles (a new ring from the heap's bump allocator, the items copied in order;
 * the old ring is not reused, so a queue that grew to n items used < 2n slots). When the run's heap
 * cannot hold the next ring, put raises a RangeError that says so (Python would raise MemoryError much later).
 * Main-thread rules: put/get/join block; workers only. Between processes use ProcessQueue (messages).
 */
import { ctx, heap, remainingMs } from './context.ts';
import { Condition } from './condition.ts';
import { DESCRIBE, decodeValue, encodeValue, registerDecoder } from './encode.ts';
import { Empty, Full, ShutDown, ValueError } from './errors.ts';
import { WaitKind, allocBytes } from './layout.ts';
import { ATTACH, Lock, type AttachOptions } from './lock.ts';
import type { Descriptor, Encoded } from './protocol.ts';

const HEADER_BYTES = 64;
/** Slots of an unbounded queue's first ring (it doubles when full). */
export const UNBOUNDED_INITIAL = 64;

const MUTEX = 0;
const NOT_EMPTY = 1;
const NOT_FULL = 2;
const CAPACITY = 3;
const HEAD = 4;
const TAIL = 5;
const COUNT = 6;
const ITEM_BYTES = 7;
const RING = 8;
const UNFINISHED = 9;
const SHUTDOWN = 10;
const MAXSIZE = 11;
const ALL_TASKS_DONE = 12;

export interface QueueOptions {
  /** Bytes per item (numbers need 8; other values are JSON). Default: 248. */
  itemBytes?: number;
  /** Name in telemetry. Default: "Queue@<offset>". */
  name?: string;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();
type EncodedItem = { tag: 1; value: number } | { tag: 2; bytes: Uint8Array };

function checkTimeoutValue(timeout: number): void {
  if (timeout < 0) throw new ValueError("'timeout' must be a non-negative number");
}

export class Queue<T = unknown> {
  readonly byteOffset: number;
  readonly #mutex: Lock;
  readonly #notEmpty: Condition;
  readonly #notFull: Condition;
  readonly #allTasksDone: Condition;

  /** `new Queue(maxsize)`: put blocks while `maxsize` items wait; maxsize <= 0 (default): unbounded. */
  constructor(maxsize = 0, options: QueueOptions & AttachOptions = {}) {
    const h = heap();
    const attach = options[ATTACH];
    if (attach !== undefined) {
      this.byteOffset = attach;
      const w = attach / 4;
      this.#mutex = new Lock({ [ATTACH]: Atomics.load(h, w + MUTEX) });
      this.#notEmpty = new Condition(this.#mutex, { [ATTACH]: Atomics.load(h, w + NOT_EMPTY) });
      this.#notFull = new Condition(this.#mutex, { [ATTACH]: Atomics.load(h, w + NOT_FULL) });
      this.#allTasksDone = new Condition(this.#mutex, { [ATTACH]: Atomics.load(h, w + ALL_TASKS_DONE) });
      return;
    }
    if (!Number.isInteger(maxsize)) throw new TypeError('maxsize must be an integer');
    const capacity = maxsize > 0 ? maxsize : UNBOUNDED_INITIAL;
    const itemBytes = Math.ceil((options.itemBytes ?? 248) / 8) * 8;
    this.byteOffset = allocBytes(h, HEADER_BYTES + capacity * (8 + itemBytes), 8);
    const name = options.name ?? `Queue@${this.byteOffset}`;
    this.#mutex = new Lock({ name: `${name}.mutex` });
    this.#notEmpty = new Condition(this.#mutex, { name: `${name}.not_empty` });
    this.#notFull = new Condition(this.#mutex, { name: `${name}.not_full` });
    this.#allTasksDone = new Condition(this.#mutex, { name: `${name}.all_tasks_done` });
    const w = this.byteOffset / 4;
    Atomics.store(h, w + MUTEX, this.#mutex.id);
    Atomics.store(h, w + NOT_EMPTY, this.#notEmpty.id);
    Atomics.store(h, w + NOT_FULL, this.#notFull.id);
    Atomics.store(h, w + ALL_TASKS_DONE, this.#allTasksDone.id);
    Atomics.store(h, w + CAPACITY, capacity);
    Atomics.store(h, w + ITEM_BYTES, itemBytes);
    Atomics.store(h, w + RING, this.byteOffset + HEADER_BYTES);
    Atomics.store(h, w + MAXSIZE, maxsize);
  }

  #word(i: number): number {
    return Atomics.load(ctx.heap as Int32Array, this.byteOffset / 4 + i);
  }

  #set(i: number, v: number): void {
    Atomics.store(ctx.heap as Int32Array, this.byteOffset / 4 + i, v);
  }

  /** Items waiting now (a snapshot; may be stale by the time you use it, as in Python). */
  qsize(): number {
    return this.#mutex.with(() => this.#word(COUNT));
  }

  empty(): boolean {
    return this.qsize() === 0;
  }

  /** True if maxsize > 0 and that many items wait (Python: `0 < self.maxsize <= self._qsize()`). */
  full(): boolean {
    return this.#mutex.with(() => 0 < this.maxsize && this.maxsize <= this.#word(COUNT));
  }

  /** The maxsize given to the constructor (0 or negative: unbounded). */
  get maxsize(): number {
    return this.#word(MAXSIZE);
  }

  /** Python's maxsize is a plain attribute: changing it changes when put blocks (test_shrinking_queue). */
  set maxsize(n: number) {
    this.#mutex.with(() => this.#set(MAXSIZE, n));
  }

  /** Whether shutdown() was called (Python 3.13's is_shutdown). */
  get isShutdown(): boolean {
    return this.#word(SHUTDOWN) === 1;
  }

  /**
   * Adds an item. A bounded queue blocks while full (Full if `block` is false or `timeout` seconds
   * pass; a negative timeout is a ValueError). ShutDown once shutdown() was called.
   */
  put(item: T, block = true, timeout?: number): void {
    const bytes = this.#encode(item);
    this.#mutex.with(() => {
      if (this.isShutdown) throw new ShutDown('put() on a shut-down queue');
      const maxsize = this.maxsize;
      if (maxsize > 0) {
        if (!block) {
          if (this.#word(COUNT) >= maxsize) throw new Full('queue is full');
        } else if (timeout === undefined) {
          while (this.#word(COUNT) >= maxsize) {
            this.#notFull.waitAs(undefined, WaitKind.QUEUE, this.#notFull.id);
            if (this.isShutdown) throw new ShutDown('put() on a shut-down queue');
          }
        } else {
          checkTimeoutValue(timeout);
          const deadline = performance.now() + timeout * 1000;
          while (this.#word(COUNT) >= maxsize) {
            const left = remainingMs(deadline);
            if (left <= 0) throw new Full('queue is full');
            this.#notFull.waitAs(left / 1000, WaitKind.QUEUE, this.#notFull.id);
            if (this.isShutdown) throw new ShutDown('put() on a shut-down queue');
          }
        }
      }
      // Unbounded, or a maxsize raised after construction: room for one more.
      if (this.#word(COUNT) === this.#word(CAPACITY)) this.#grow();
      const tail = this.#word(TAIL);
      this.#writeSlot(tail, bytes);
      this.#set(TAIL, (tail + 1) % this.#word(CAPACITY));
      this.#set(COUNT, this.#word(COUNT) + 1);
      this.#set(UNFINISHED, this.#word(UNFINISHED) + 1);
      this.#notEmpty.notify();
    });
  }

  /**
   * Removes and returns the oldest item; blocks while empty (Empty if `block` is false or on
   * timeout; a negative timeout is a ValueError). ShutDown once shut down and empty.
   */
  get(block = true, timeout?: number): T {
    return this.#mutex.with(() => {
      const shutEmpty = (): boolean => this.isShutdown && this.#word(COUNT) === 0;
      if (shutEmpty()) throw new ShutDown('get() on a shut-down, empty queue');
      if (!block) {
        if (this.#word(COUNT) === 0) throw new Empty('queue is empty');
      } else if (timeout === undefined) {
        while (this.#word(COUNT) === 0) {
          this.#notEmpty.waitAs(undefined, WaitKind.QUEUE, this.#notEmpty.id);
          if (shutEmpty()) throw new ShutDown('get() on a shut-down, empty queue');
        }
      } else {
        checkTimeoutValue(timeout);
        const deadline = performance.now() + timeout * 1000;
        while (this.#word(COUNT) === 0) {
          const left = remainingMs(deadline);
          if (left <= 0) throw new Empty('queue is empty');
          this.#notEmpty.waitAs(left / 1000, WaitKind.QUEUE, this.#notEmpty.id);
          if (shutEmpty()) throw new ShutDown('get() on a shut-down, empty queue');
        }
      }
      const item = this.#take();
      this.#notFull.notify();
      return item;
    });
  }

  putNowait(item: T): void {
    this.put(item, false);
  }

  getNowait(): T {
    return this.get(false);
  }

  /**
   * Tells the queue that a task taken with get() is complete (Python's task_done). Called more times
   * than items were put: ValueError.
   */
  taskDone(): void {
    this.#mutex.with(() => {
      const unfinished = this.#word(UNFINISHED) - 1;
      if (unfinished <= 0) {
        if (unfinished < 0) throw new ValueError('task_done() called too many times');
        this.#allTasksDone.notifyAll();
      }
      this.#set(UNFINISHED, unfinished);
    });
  }

  /** Blocks until every item put has been marked done with taskDone() (Python's join). */
  join(): void {
    this.#mutex.with(() => {
      while (this.#word(UNFINISHED) !== 0) this.#allTasksDone.waitAs(undefined, WaitKind.QUEUE, this.#allTasksDone.id);
    });
  }

  /**
   * Python 3.13's shutdown(immediate=False): later puts raise ShutDown, and gets raise it once the
   * queue is empty; blocked callers wake up. `immediate` also drops the items waiting (counting them
   * as done, so join() returns).
   */
  shutdown(immediate = false): void {
    this.#mutex.with(() => {
      this.#set(SHUTDOWN, 1);
      if (immediate) {
        while (this.#word(COUNT) > 0) {
          this.#take();
          if (this.#word(UNFINISHED) > 0) this.#set(UNFINISHED, this.#word(UNFINISHED) - 1);
        }
        this.#allTasksDone.notifyAll();
      }
      this.#notEmpty.notifyAll();
      this.#notFull.notifyAll();
    });
  }

  /** Removes the item at the head (holding the mutex). */
  #take(): T {
    const head = this.#word(HEAD);
    const item = this.#readSlot(head);
    this.#set(HEAD, (head + 1) % this.#word(CAPACITY));
    this.#set(COUNT, this.#word(COUNT) - 1);
    return item;
  }

  /** Ring full but the queue may hold more: a ring twice as large, items copied in order (holding the mutex). */
  #grow(): void {
    const h = ctx.heap as Int32Array;
    const cap = this.#word(CAPACITY);
    const stride = 8 + this.#word(ITEM_BYTES);
    let ring: number;
    try {
      ring = allocBytes(h, 2 * cap * stride, 8);
    } catch {
      throw new RangeError(
        `interleave: the unbounded Queue holds ${cap} items and the run's shared heap has no room for more ` +
          '(Python would grow until memory runs out); take items out faster, or bound the queue with new Queue(maxsize)',
      );
    }
    const bytes = new Uint8Array(h.buffer);
    const old = this.#word(RING);
    const head = this.#word(HEAD);
    // Oldest first: [head, cap) then [0, head).
    bytes.copyWithin(ring, old + head * stride, old + cap * stride);
    bytes.copyWithin(ring + (cap - head) * stride, old, old + head * stride);
    this.#set(RING, ring);
    this.#set(HEAD, 0);
    this.#set(TAIL, cap);
    this.#set(CAPACITY, 2 * cap);
  }

  #encode(item: T): EncodedItem {
    if (typeof item === 'number') return { tag: 1, value: item };
    const bytes = encoder.encode(JSON.stringify(encodeValue(item, false, 'queue item')));
    const max = this.#word(ITEM_BYTES);
    if (bytes.length > max) throw new RangeError(`queue item too large: ${bytes.length} bytes as JSON, at most ${max}; pass a larger itemBytes to new Queue()`);
    return { tag: 2, bytes };
  }

  #slot(i: number): number {
    return this.#word(RING) + i * (8 + this.#word(ITEM_BYTES));
  }

  #writeSlot(i: number, e: EncodedItem): void {
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
