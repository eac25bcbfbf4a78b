/**
 * The same two threads and the same counter, but each increment happens while holding a Lock.
 *
 * Only one thread at a time can be between acquire() and release(), so the read and the write of an
 * increment can no longer be split by the other thread: no update is lost, on every run.
 */
import { Lock, Thread, counter, print, progress, type ExampleMeta, type SharedInt } from 'interleave';

export const meta: ExampleMeta = {
  title: 'The same counter, with a lock',
  summary: 'Each increment happens inside a Lock, so the total is exact on every run, at the price of the threads taking turns.',
  params: {
    threads: { default: 2, min: 1, max: 8, label: 'Threads' },
    n: { default: 1_000_000, min: 100_000, max: 5_000_000, step: 100_000, label: 'Increments per thread' },
  },
  expect: { kind: 'exact', counter: 'total' },
  // Step mode: every schedule of 2 threads x 2 locked increments ends at 4.
  step: { params: { threads: 2, n: 2 }, ranges: { threads: { min: 1, max: 3 }, n: { min: 1, max: 3 } } },
};

export function increment(total: SharedInt, lock: Lock, n: number): void {
  for (let i = 0; i < n; i++) {
    lock.acquire();
    try {
      // Inside the lock the read-modify-write is safe: no other thread can run this line now.
      total.value += 1;
    } finally {
      // Always release, even if the body throws, or every other thread waits forever.
      lock.release();
    }
    if (i % 65_536 === 0) progress(i, n);
  }
  progress(n, n);
}

export default function main({ threads, n }: { threads: number; n: number }): void {
  const total = counter('total', { expected: threads * n });
  const lock = new Lock({ name: 'counter lock' });
  print(`${threads} threads add 1 to one counter, ${n} times each, holding the lock for each add`);
  const workers = Array.from({ length: threads }, (_, i) => new Thread(increment, [total, lock, n], { name: `T${i + 1}` }));
  for (const t of workers) t.start();
  for (const t of workers) t.join();
  print(`expected ${threads * n}, got ${total.value}`);
}
