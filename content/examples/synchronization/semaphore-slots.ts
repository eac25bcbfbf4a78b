/**
 * A Semaphore with `slots` units lets at most `slots` threads into a section at once.
 *
 * Each of `workers` threads visits the section `rounds` times. Inside, it holds its place for a few
 * milliseconds (standing in for a download, a database connection, a GPU). A small Lock-protected
 * tally records how many threads are inside right now and the most there ever were. The expectation
 * checks that the most is exactly `slots`: never more (the semaphore bounds it), and reached (the
 * threads really did run side by side).
 */
import { Lock, Semaphore, Thread, counter, print, sleep, type ExampleMeta, type SharedInt } from 'interleave';

export const meta: ExampleMeta = {
  title: 'A semaphore bounds how many threads are inside',
  summary: 'Six threads compete for two slots guarded by a Semaphore(2); an instrumented tally shows that never more than two are inside at once.',
  params: {
    workers: { default: 6, min: 1, max: 12, label: 'Threads' },
    slots: { default: 2, min: 1, max: 6, label: 'Semaphore units (slots)' },
    rounds: { default: 2, min: 1, max: 5, label: 'Visits per thread' },
  },
  expect: { kind: 'exact', counter: 'max inside' },
};

interface Tally {
  lock: Lock;
  inside: SharedInt;
  maxInside: SharedInt;
  visits: SharedInt;
}

export function visitor(slots: Semaphore, tally: Tally, rounds: number): void {
  for (let r = 0; r < rounds; r++) {
    // P / down / acquire: take one unit, or sleep until a thread gives one back.
    slots.acquire();
    try {
      // The tally is our instrument, not part of the pattern: its own lock keeps it exact.
      let now: number;
      tally.lock.acquire();
      try {
        now = tally.inside.value + 1;
        tally.inside.value = now;
        if (now > tally.maxInside.value) tally.maxInside.value = now;
      } finally {
        tally.lock.release();
      }
      print(`in  (${now} inside)`);
      sleep(0.03); // the work that needs one of the limited slots
      tally.visits.add(1);
      tally.lock.acquire();
      try {
        tally.inside.value -= 1;
      } finally {
        tally.lock.release();
      }
    } finally {
      // V / up / release: give the unit back, waking one sleeping thread if there is one.
      slots.release();
    }
  }
}

export default function main({ workers, slots, rounds }: { workers: number; slots: number; rounds: number }): void {
  const semaphore = new Semaphore(slots, { name: 'slots' });
  const tally: Tally = {
    lock: new Lock({ name: 'tally' }),
    inside: counter('inside'),
    // Expected: the bound, unless there are fewer threads than slots.
    maxInside: counter('max inside', { expected: Math.min(slots, workers) }),
    visits: counter('visits', { expected: workers * rounds }),
  };
  const threads = Array.from({ length: workers }, (_, i) => new Thread(visitor, [semaphore, tally, rounds], { name: `T${i + 1}` }));
  for (const t of threads) t.start();
  for (const t of threads) t.join();
  print(`${tally.visits.value} visits by ${workers} threads; at most ${tally.maxInside.value} inside at once (limit ${slots})`);
}
