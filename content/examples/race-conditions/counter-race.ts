/**
 * Two threads add 1 to the same counter, a million times each, with no lock.
 *
 * `total.value += 1` is two steps: read the value, then write value + 1. Each step on its own is
 * atomic, the pair is not. When both threads read the same value before either writes, one of the
 * two increments is lost. This is the race Python's `counter += 1` has between threads.
 */
import { Thread, counter, print, progress, type ExampleMeta, type SharedInt } from 'interleave';

export const meta: ExampleMeta = {
  title: 'Two threads, one counter, no lock',
  summary: 'Two threads increment a shared counter without a lock; the total comes out short because increments overwrite each other.',
  params: {
    threads: { default: 2, min: 2, max: 8, label: 'Threads' },
    n: { default: 1_000_000, min: 100_000, max: 5_000_000, step: 100_000, label: 'Increments per thread' },
  },
  expect: { kind: 'lost-updates', counter: 'total' },
  // Step mode: 2 threads x 2 increments is 8 loads and stores, C(8,4) = 70 interleavings.
  step: { params: { threads: 2, n: 2 }, ranges: { threads: { min: 2, max: 3 }, n: { min: 1, max: 3 } } },
};

/** Each thread runs this: read, add one, write back, n times. */
export function increment(total: SharedInt, n: number): void {
  for (let i = 0; i < n; i++) {
    // Read (one atomic load) ... another thread may write here ... then write (one atomic store).
    total.value += 1;
    if (i % 65_536 === 0) progress(i, n);
  }
  progress(n, n);
}

export default function main({ threads, n }: { threads: number; n: number }): void {
  // A named counter: the page shows it live, next to the value we expect.
  const total = counter('total', { expected: threads * n });
  print(`${threads} threads add 1 to one counter, ${n} times each, with no lock`);
  const workers = Array.from({ length: threads }, (_, i) => new Thread(increment, [total, n], { name: `T${i + 1}` }));
  // start() only asks for a worker; all threads are released together when main first blocks (join).
  for (const t of workers) t.start();
  for (const t of workers) t.join();
  const lost = threads * n - total.value;
  print(`expected ${threads * n}, got ${total.value}: ${lost} updates lost`);
}
