/**
 * The bounded buffer with two counting semaphores and a mutex (OSTEP, chapter 31, "The
 * Producer/Consumer (Bounded Buffer) Problem").
 *
 * `empty` counts free slots and starts at the buffer's size; `full` counts items and starts at 0.
 * A producer takes a free slot (empty.acquire), puts its item in under the mutex, and announces the
 * item (full.release); a consumer does the mirror image. The semaphores do the waiting (a producer
 * sleeps in empty.acquire while every slot is taken, a consumer in full.acquire while none is), and
 * the mutex only keeps two producers (or two consumers) from using the same index at once. The order
 * matters: each thread waits for its semaphore FIRST and takes the mutex only once it knows it can go
 * on. `synchronization/semaphore-mutex-first` swaps the two and deadlocks.
 *
 * Checks: every item id is consumed exactly once (a second take of one id raises), and `consumed`
 * ends at producers x n.
 */
import { Lock, Semaphore, SharedArray, Thread, counter, print, type ExampleMeta, type SharedInt } from 'interleave';

export const meta: ExampleMeta = {
  title: 'A bounded buffer from two semaphores and a mutex',
  summary: 'Producers wait on an `empty` semaphore (free slots), consumers on a `full` one (items); a mutex guards the indexes. Every item arrives exactly once.',
  params: {
    producers: { default: 2, min: 1, max: 4, label: 'Producers' },
    consumers: { default: 2, min: 1, max: 4, label: 'Consumers' },
    n: { default: 5_000, min: 10, max: 20_000, step: 10, label: 'Items per producer' },
    slots: { default: 4, min: 1, max: 64, label: 'Buffer slots' },
  },
  expect: { kind: 'exact', counter: 'consumed' },
  // Step mode: one producer making two items for one consumer through a single slot, so the producer
  // has to wait for the consumer between the two (the buffer really is full for a while).
  step: {
    params: { producers: 1, consumers: 1, n: 2, slots: 1 },
    ranges: { producers: { min: 1, max: 2 }, consumers: { min: 1, max: 2 }, n: { min: 1, max: 2 }, slots: { min: 1, max: 2 } },
  },
};

interface Buffer {
  /** Free slots: a producer takes one before it puts, a consumer gives one back after it gets. */
  empty: Semaphore;
  /** Items in the buffer: a producer adds one after it puts, a consumer takes one before it gets. */
  full: Semaphore;
  /** Guards `fill` and `use`, the next slot to fill and the next one to use (OSTEP's names). */
  mutex: Lock;
  slots: SharedArray;
  fill: SharedInt;
  use: SharedInt;
}

export function producer(b: Buffer, first: number, n: number): void {
  for (let id = first; id < first + n; id++) {
    b.empty.acquire(); // wait for a free slot, holding nothing
    b.mutex.acquire(); // then the index, for as short a time as possible
    try {
      const i = b.fill.value;
      b.slots.set(i, id);
      b.fill.value = (i + 1) % b.slots.length;
    } finally {
      b.mutex.release();
    }
    b.full.release(); // one more item: wake a consumer if one is waiting
  }
}

export function consumer(b: Buffer, share: number, seen: SharedArray, consumed: SharedInt): void {
  for (let k = 0; k < share; k++) {
    b.full.acquire(); // wait for an item, holding nothing
    let id: number;
    b.mutex.acquire();
    try {
      const i = b.use.value;
      id = b.slots.get(i);
      b.use.value = (i + 1) % b.slots.length;
    } finally {
      b.mutex.release();
    }
    b.empty.release(); // one more free slot: wake a producer if one is waiting
    // A repeat would mean the buffer handed the same item out twice.
    if (seen.exchange(id, 1) !== 0) throw new Error(`item ${id} consumed twice`);
    consumed.add(1);
  }
}

export default function main({ producers, consumers, n, slots }: { producers: number; consumers: number; n: number; slots: number }): void {
  const b: Buffer = {
    empty: new Semaphore(slots, { name: 'empty' }),
    full: new Semaphore(0, { name: 'full' }),
    mutex: new Lock({ name: 'mutex' }),
    slots: new SharedArray('int32', slots),
    fill: counter('fill'),
    use: counter('use'),
  };
  const total = producers * n;
  const seen = new SharedArray('int32', total);
  const consumed = counter('consumed', { expected: total });
  // Each consumer takes a fixed share of the items, so that every one knows when it is done.
  const share = (c: number): number => Math.floor(total / consumers) + (c < total % consumers ? 1 : 0);
  const threads = [
    ...Array.from({ length: producers }, (_, i) => new Thread(producer, [b, i * n, n], { name: `P${i + 1}` })),
    ...Array.from({ length: consumers }, (_, c) => new Thread(consumer, [b, share(c), seen, consumed], { name: `C${c + 1}` })),
  ];
  for (const t of threads) t.start();
  for (const t of threads) t.join();
  const missing = seen.toArray().filter((v) => v !== 1).length;
  print(`${consumed.value} of ${total} items consumed, ${missing} missing, through ${slots} slots`);
}
