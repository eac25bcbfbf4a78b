/**
 * The racy counter again, with one change: each increment is `total.add(1)`, an atomic add.
 *
 * `Atomics.add` reads, adds and writes the word as ONE indivisible step: no other thread's
 * operation on that word can fall between the read and the write. So no update can be lost, and
 * there is no lock to take, wait for or release.
 */
import { Thread, counter, print, progress, type ExampleMeta, type SharedInt } from 'interleave';

export const meta: ExampleMeta = {
  title: 'The counter, fixed with an atomic add',
  summary: 'Each thread adds 1 with an atomic read-modify-write instead of a load and a store: the total is exact on every run, with no lock.',
  params: {
    threads: { default: 2, min: 1, max: 8, label: 'Threads' },
    n: { default: 1_000_000, min: 100_000, max: 5_000_000, step: 100_000, label: 'Increments per thread' },
  },
  expect: { kind: 'exact', counter: 'total' },
  // Step mode: each add is one step, so no schedule can split a read from its write.
  step: { params: { threads: 2, n: 2 }, ranges: { threads: { min: 1, max: 3 }, n: { min: 1, max: 3 } } },
};

export function increment(total: SharedInt, n: number): void {
  for (let i = 0; i < n; i++) {
    // One atomic read-modify-write (Atomics.add); it returns the value before the add.
    total.add(1);
    if (i % 65_536 === 0) progress(i, n);
  }
  progress(n, n);
}

export default function main({ threads, n }: { threads: number; n: number }): void {
  const total = counter('total', { expected: threads * n });
  const workers = Array.from({ length: threads }, (_, i) => new Thread(increment, [total, n], { name: `T${i + 1}` }));
  for (const t of workers) t.start();
  for (const t of workers) t.join();
  print(`expected ${threads * n}, got ${total.value}`);
}
