/**
 * The same shared integer, now with a lock that travels with it: each worker takes the lock around
 * its whole read-modify-write, as `with v.get_lock(): v.value += 1` does for a multiprocessing.Value.
 *
 * Shared memory gives processes (or threads) the same bytes; it gives them no agreement about who
 * may change them when. That agreement is the lock, and it must cover the read and the write
 * together. Workers are threads here because a Process in this runtime cannot receive shared memory.
 */
import { Lock, Thread, counter, print, progress, type ExampleMeta, type SharedInt } from 'interleave';

export const meta: ExampleMeta = {
  title: 'Shared memory with its lock',
  summary: 'The same two workers take a lock around each increment of the shared integer: the total is exact on every run, and slower.',
  params: {
    n: { default: 1_000_000, min: 100_000, max: 5_000_000, step: 100_000, label: 'Increments per worker' },
  },
  expect: { kind: 'exact', counter: 'value' },
};

export function worker(v: SharedInt, lock: Lock, n: number): void {
  for (let i = 0; i < n; i++) {
    lock.acquire();
    try {
      v.value += 1; // nobody else can read or write v between this load and this store
    } finally {
      lock.release();
    }
    if (i % 65_536 === 0) progress(i, n);
  }
  progress(n, n);
}

export default function main({ n }: { n: number }): void {
  const v = counter('value', { expected: 2 * n });
  const lock = new Lock({ name: 'value lock' }); // plays the part of v.get_lock()
  const workers = [1, 2].map((k) => new Thread(worker, [v, lock, n], { name: `worker-${k}` }));
  for (const w of workers) w.start();
  for (const w of workers) w.join();
  print(`expected ${2 * n}, got ${v.value} (lost ${2 * n - v.value})`);
}
