/**
 * Exercise: the unlocked counter again, shipped broken on purpose. Make the total exact.
 *
 * Two ways work: hold a Lock around the increment (see race-conditions/counter-lock), or replace the
 * read-then-write with one atomic read-modify-write, `total.add(1)`, which no other thread can
 * split. The page checks every run: "Exercise solved" once no update is lost.
 */
import { Thread, counter, print, progress, type ExampleMeta, type SharedInt } from 'interleave';

export const meta: ExampleMeta = {
  title: 'Exercise: fix the race',
  summary: 'The racy counter from above, to repair. It passes when the total is exact on every run you try.',
  params: {
    threads: { default: 2, min: 2, max: 8, label: 'Threads' },
    n: { default: 1_000_000, min: 100_000, max: 5_000_000, step: 100_000, label: 'Increments per thread' },
  },
  expect: { kind: 'exact', counter: 'total' },
  exercise: { goal: 'Make the total exact, with a Lock or with one atomic operation.' },
};

export function increment(total: SharedInt, n: number): void {
  for (let i = 0; i < n; i++) {
    total.value += 1; // the bug: a read and a write, with room for another thread in between
    if (i % 65_536 === 0) progress(i, n);
  }
  progress(n, n);
}

export default function main({ threads, n }: { threads: number; n: number }): void {
  const total = counter('total', { expected: threads * n });
  print(`${threads} threads add 1 to one counter, ${n} times each`);
  const workers = Array.from({ length: threads }, (_, i) => new Thread(increment, [total, n], { name: `T${i + 1}` }));
  for (const t of workers) t.start();
  for (const t of workers) t.join();
  print(`expected ${threads * n}, got ${total.value}`);
}
