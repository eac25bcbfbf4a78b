/**
 * The bounded buffer of `synchronization/semaphore-buffer` with one change: each thread takes the
 * mutex FIRST and then waits on its semaphore (OSTEP, chapter 31, "Adding Mutual Exclusion
 * (Incorrectly)"). It deadlocks.
 *
 * A consumer that finds no item goes to sleep in full.acquire() still holding the mutex. The only
 * thread that could give it an item is a producer, and a producer must take the mutex before it can
 * put anything: it waits for the consumer, which waits for it. The same happens the other way round
 * when the buffer is full (a producer asleep in empty.acquire() with the mutex, every consumer
 * waiting for the mutex).
 *
 * Run's detector follows locks and joins: here one edge goes through a semaphore, which has no
 * owner, so it draws no cycle and the run hangs until its time limit, every time: a producer makes
 * its first item until a consumer holds the mutex (an event, `forced: 1`), so a consumer is always
 * first to the mutex on an empty buffer. Step mode takes the event out (`forced: 0`): when every live
 * thread is blocked the step run ends as a deadlock, and Explore counts the schedules that get there.
 */
import { Event, Lock, Semaphore, SharedArray, Thread, counter, print, type ExampleMeta, type SharedInt } from 'interleave';

export const meta: ExampleMeta = {
  title: 'The mutex taken before the semaphore',
  summary: 'The same bounded buffer, but each thread takes the mutex before it waits on its semaphore. A consumer asleep on an empty buffer keeps the mutex, and the producer can never put an item in.',
  params: {
    producers: { default: 1, min: 1, max: 4, label: 'Producers' },
    consumers: { default: 1, min: 1, max: 4, label: 'Consumers' },
    n: { default: 1_000, min: 1, max: 20_000, label: 'Items per producer' },
    slots: { default: 4, min: 1, max: 64, label: 'Buffer slots' },
  },
  timeLimitMs: 1500,
  expect: { kind: 'timeout' },
  step: {
    params: { producers: 1, consumers: 1, n: 2, slots: 1, forced: 0 },
    ranges: { producers: { min: 1, max: 2 }, consumers: { min: 1, max: 2 }, n: { min: 1, max: 2 }, slots: { min: 1, max: 2 } },
    expect: { kind: 'deadlock' },
  },
};

interface Buffer {
  empty: Semaphore;
  full: Semaphore;
  mutex: Lock;
  slots: SharedArray;
  fill: SharedInt;
  use: SharedInt;
  /** Run only: set once a consumer holds the mutex. */
  consumerIn: Event | null;
}

export function producer(b: Buffer, first: number, n: number): void {
  b.consumerIn?.wait(); // Run: making the first item while a consumer takes the mutex
  for (let id = first; id < first + n; id++) {
    b.mutex.acquire(); // BUG: the mutex first ...
    try {
      b.empty.acquire(); // ... then, on a full buffer, sleep holding it: no consumer can get in
      const i = b.fill.value;
      b.slots.set(i, id);
      b.fill.value = (i + 1) % b.slots.length;
      b.full.release();
    } finally {
      b.mutex.release();
    }
  }
}

export function consumer(b: Buffer, share: number, consumed: SharedInt): void {
  for (let k = 0; k < share; k++) {
    b.mutex.acquire(); // BUG: the mutex first ...
    b.consumerIn?.set();
    try {
      b.full.acquire(); // ... then, on an empty buffer, sleep holding it: no producer can get in
      const i = b.use.value;
      b.slots.get(i);
      b.use.value = (i + 1) % b.slots.length;
      b.empty.release();
    } finally {
      b.mutex.release();
    }
    consumed.add(1);
  }
}

export default function main({ producers, consumers, n, slots, forced = 1 }: { producers: number; consumers: number; n: number; slots: number; forced?: number }): void {
  const b: Buffer = {
    empty: new Semaphore(slots, { name: 'empty' }),
    full: new Semaphore(0, { name: 'full' }),
    mutex: new Lock({ name: 'mutex' }),
    slots: new SharedArray('int32', slots),
    fill: counter('fill'),
    use: counter('use'),
    consumerIn: forced === 1 ? new Event({ name: 'consumer in' }) : null,
  };
  const total = producers * n;
  const consumed = counter('consumed', { expected: total });
  const share = (c: number): number => Math.floor(total / consumers) + (c < total % consumers ? 1 : 0);
  // Consumers first: in step mode they are threads 1.., the producers come after them.
  const threads = [
    ...Array.from({ length: consumers }, (_, c) => new Thread(consumer, [b, share(c), consumed], { name: `C${c + 1}` })),
    ...Array.from({ length: producers }, (_, i) => new Thread(producer, [b, i * n, n], { name: `P${i + 1}` })),
  ];
  for (const t of threads) t.start();
  for (const t of threads) t.join();
  print(`${consumed.value} of ${total} items consumed`);
}
