/**
 * One producer, two consumers, one condition variable: why every wait sits in a `while` loop.
 *
 * The producer puts items on a shelf (a shared count) one at a time and notifies the condition after
 * each. A consumer that finds the shelf empty waits. Being woken only means "the state may have
 * changed": between the notify and the moment the woken consumer holds the lock again, the other
 * consumer may take the lock first and take the item. So the woken consumer looks again (`while`)
 * and, if the shelf is empty, waits again. With `if` in place of `while` it would take an item that
 * is no longer there, and the check below raises.
 *
 * Checks: no consumer ever takes from an empty shelf (that raises), and `taken` ends at exactly the
 * number of items made.
 */
import { Condition, Thread, counter, print, type ExampleMeta, type SharedInt } from 'interleave';

export const meta: ExampleMeta = {
  title: 'Two consumers wake up to one item',
  summary:
    'A producer notifies a condition after each item; two consumers wait while the shelf is empty. A woken consumer may find the item already gone, and the while loop around its wait makes it look again instead of taking from an empty shelf.',
  params: {
    consumers: { default: 2, min: 1, max: 4, label: 'Consumers' },
    n: { default: 20_000, min: 100, max: 100_000, step: 100, label: 'Items per consumer' },
  },
  expect: { kind: 'exact', counter: 'taken' },
  // Step mode: one item per consumer, so the producer makes two and notifies twice. Small enough to
  // explore every schedule; long enough for a woken consumer to lose its item to the other one.
  // `recheck: 0` (step mode only, e.g. from a link) makes the wait loop an `if`, to watch it fail.
  step: {
    params: { consumers: 2, n: 1, recheck: 1 },
    ranges: { consumers: { min: 1, max: 2 }, n: { min: 1, max: 2 }, recheck: { min: 0, max: 1 } },
  },
};

export function producer(cond: Condition, shelf: SharedInt, items: number): void {
  for (let i = 0; i < items; i++) {
    cond.acquire();
    try {
      shelf.add(1); // one more item on the shelf (the state changes under the lock)
      cond.notify(); // wake one waiting consumer, if any is waiting right now
    } finally {
      cond.release();
    }
  }
}

export function consumer(cond: Condition, shelf: SharedInt, taken: SharedInt, n: number, recheck: number): void {
  for (let i = 0; i < n; i++) {
    cond.acquire();
    try {
      // `while`, not `if`: after waking, look again. The other consumer may have taken the item
      // between the notify and this thread getting the lock back.
      while (shelf.load() === 0) {
        cond.wait();
        // Step mode can set recheck = 0 to turn this loop into an `if`: wait at most once, then take.
        if (recheck === 0) break;
      }
      // sub returns the value before: 0 would mean we took an item that is not there.
      if (shelf.sub(1) === 0) throw new Error('took an item from an empty shelf');
      taken.add(1);
    } finally {
      cond.release();
    }
  }
}

export default function main({ consumers, n, recheck = 1 }: { consumers: number; n: number; recheck?: number }): void {
  const cond = new Condition(undefined, { name: 'shelf' });
  const shelf = counter('shelf');
  const taken = counter('taken', { expected: consumers * n });
  // Consumers first, so that in step mode they are threads 1 and 2 and the producer is the last one.
  const threads = [
    ...Array.from({ length: consumers }, (_, i) => new Thread(consumer, [cond, shelf, taken, n, recheck], { name: `C${i + 1}` })),
    new Thread(producer, [cond, shelf, consumers * n], { name: 'P' }),
  ];
  for (const t of threads) t.start();
  for (const t of threads) t.join();
  print(`${taken.value} of ${consumers * n} items taken, ${shelf.value} left on the shelf`);
}
