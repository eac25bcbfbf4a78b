/**
 * Producer–consumer on a bounded buffer, built by hand from one Lock and two Conditions.
 *
 * The buffer is a ring of `capacity` slots in shared memory with head, tail and count. Everything
 * about it is read and written only while holding `lock`. Producers wait on `notFull` while the
 * buffer is full; consumers wait on `notEmpty` while it is empty and some producer is still running.
 * Each wait sits in a `while` loop that re-checks the state after waking: a wake-up only says "the
 * state changed, look again", and by the time the woken thread holds the lock again another thread
 * may have taken the slot or the item.
 *
 * Checks: every item id is consumed exactly once (a second take of the same id raises), the count
 * never leaves [0, capacity], and the `consumed` counter must end at producers * n.
 */
import { Condition, Lock, SharedArray, Thread, counter, print, type ExampleMeta, type SharedInt } from 'interleave';

export const meta: ExampleMeta = {
  title: 'Producer–consumer with a Lock and two Conditions',
  summary: 'Producers and consumers share an 8-slot buffer; they wait on conditions while it is full or empty, and every item arrives exactly once.',
  params: {
    producers: { default: 2, min: 1, max: 4, label: 'Producers' },
    consumers: { default: 2, min: 1, max: 4, label: 'Consumers' },
    n: { default: 5_000, min: 100, max: 20_000, step: 100, label: 'Items per producer' },
    capacity: { default: 8, min: 1, max: 64, label: 'Buffer slots' },
  },
  expect: { kind: 'exact', counter: 'consumed' },
};

// Indexes into `state`.
const HEAD = 0;
const TAIL = 1;
const COUNT = 2;
const PRODUCERS_DONE = 3;

interface Buffer {
  lock: Lock;
  notFull: Condition;
  notEmpty: Condition;
  slots: SharedArray;
  state: SharedArray;
  capacity: number;
  producers: number;
}

export function producer(b: Buffer, first: number, n: number, waits: SharedInt): void {
  for (let id = first; id < first + n; id++) {
    b.lock.acquire();
    try {
      // `while`, not `if`: after waking, another producer may already have filled the freed slot.
      while (b.state.get(COUNT) === b.capacity) {
        waits.add(1);
        b.notFull.wait();
      }
      const tail = b.state.get(TAIL);
      b.slots.set(tail, id);
      b.state.set(TAIL, (tail + 1) % b.capacity);
      b.state.set(COUNT, b.state.get(COUNT) + 1);
      // The state changed in a way a consumer waits for: wake one.
      b.notEmpty.notify();
    } finally {
      b.lock.release();
    }
  }
  b.lock.acquire();
  try {
    b.state.add(PRODUCERS_DONE, 1);
    // Consumers may be asleep on an empty buffer; the "all producers done" part of their condition
    // just changed, so wake them ALL: each must see it and leave.
    b.notEmpty.notifyAll();
  } finally {
    b.lock.release();
  }
}

export function consumer(b: Buffer, seen: SharedArray, consumed: SharedInt, waits: SharedInt): void {
  let mine = 0;
  for (;;) {
    let id: number;
    b.lock.acquire();
    try {
      // The condition is about state: "there is an item, or no item will ever come".
      while (b.state.get(COUNT) === 0 && b.state.get(PRODUCERS_DONE) < b.producers) {
        waits.add(1);
        b.notEmpty.wait();
      }
      const count = b.state.get(COUNT);
      if (count === 0) break; // empty and every producer finished: done (the lock is released by finally)
      if (count < 0 || count > b.capacity) throw new Error(`buffer count ${count} outside [0, ${b.capacity}]`);
      const head = b.state.get(HEAD);
      id = b.slots.get(head);
      b.state.set(HEAD, (head + 1) % b.capacity);
      b.state.set(COUNT, count - 1);
      b.notFull.notify();
    } finally {
      b.lock.release();
    }
    // Outside the lock: the work on the item. A repeat would mean the buffer handed it out twice.
    if (seen.exchange(id, 1) !== 0) throw new Error(`item ${id} consumed twice`);
    consumed.add(1);
    mine++;
  }
  print(`consumed ${mine} items`);
}

export default function main({ producers, consumers, n, capacity }: { producers: number; consumers: number; n: number; capacity: number }): void {
  const lock = new Lock({ name: 'buffer' });
  const b: Buffer = {
    lock,
    notFull: new Condition(lock, { name: 'notFull' }),
    notEmpty: new Condition(lock, { name: 'notEmpty' }),
    slots: new SharedArray('int32', capacity),
    state: new SharedArray('int32', 4),
    capacity,
    producers,
  };
  const seen = new SharedArray('int32', producers * n);
  const consumed = counter('consumed', { expected: producers * n });
  const waits = counter('waits');
  const threads = [
    ...Array.from({ length: producers }, (_, i) => new Thread(producer, [b, i * n, n, waits], { name: `P${i + 1}` })),
    ...Array.from({ length: consumers }, (_, i) => new Thread(consumer, [b, seen, consumed, waits], { name: `C${i + 1}` })),
  ];
  for (const t of threads) t.start();
  for (const t of threads) t.join();
  const missing = seen.toArray().filter((v) => v !== 1).length;
  print(`${consumed.value} of ${producers * n} items consumed, ${missing} missing; threads had to wait ${waits.value} times`);
}
