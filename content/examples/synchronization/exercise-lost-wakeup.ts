/**
 * EXERCISE: this example fails as shipped, on purpose. Fix the consumer so that every item arrives.
 *
 * A producer makes `n` items, one every 20 milliseconds, and notifies the condition after each.
 * The consumer starts late: main starts it only after the producer has made half of the items. The
 * consumer's bug is that it calls wait() before looking at the state. A notify wakes only a thread
 * that is already waiting; the notifies sent before the consumer arrived woke nobody and are gone.
 * The items they announced are still there, in `available`, but the consumer never looks, so it
 * waits for wake-ups that will never come and the run hangs until the time limit.
 *
 * The expectation states the goal: `received` ends at n and the run finishes.
 */
import { Condition, Event, Thread, counter, print, sleep, type ExampleMeta, type SharedInt } from 'interleave';

export const meta: ExampleMeta = {
  title: 'Exercise: the consumer that waits first',
  summary: 'As shipped, a late consumer waits for notifications that were sent before it arrived, and hangs. Make it check the state before waiting, so all items arrive.',
  params: {
    n: { default: 20, min: 2, max: 200, step: 2, label: 'Items' },
  },
  timeLimitMs: 3_000,
  expect: { kind: 'exact', counter: 'received' },
  exercise: { goal: 'Make the consumer check how many items are available before it waits, so that all items arrive and the run finishes.' },
};

export function producer(cond: Condition, available: SharedInt, n: number, halfway: Event): void {
  for (let i = 1; i <= n; i++) {
    cond.acquire();
    try {
      available.value += 1;
      cond.notify(); // wakes the consumer only if it is waiting right now
    } finally {
      cond.release();
    }
    if (i === n / 2) halfway.set();
    sleep(0.02);
  }
  print(`produced ${n} items`);
}

export function consumer(cond: Condition, available: SharedInt, received: SharedInt, n: number): void {
  cond.acquire();
  try {
    for (let i = 0; i < n; i++) {
      // BUG: waits without looking at `available` first. Fix: wait only while there is nothing to take.
      cond.wait();
      available.value -= 1;
      received.add(1);
    }
  } finally {
    cond.release();
  }
  print(`received ${received.value} items`);
}

export default function main({ n }: { n: number }): void {
  const cond = new Condition(undefined, { name: 'items' });
  const available = counter('available');
  const received = counter('received', { expected: n });
  const halfway = new Event({ name: 'halfway' });
  const p = new Thread(producer, [cond, available, n, halfway], { name: 'Producer' });
  p.start();
  halfway.wait(); // the consumer arrives late: half of the notifications have already been sent
  const c = new Thread(consumer, [cond, available, received, n], { name: 'Consumer' });
  c.start();
  p.join();
  c.join();
  print(`received ${received.value} of ${n}`);
}
