/**
 * Exercise: split a sum over threads, and keep it exact.
 *
 * The job: add up value(i) = i % 10 for every i below `n`. Main computes the right answer by itself
 * first. Then the range is cut into one slice per thread, and every thread adds its slice's values
 * straight into the shared total. That is parallel, and wrong: `total.value += v` is a read and a
 * separate write, so two threads adding at the same moment overwrite each other (see the race
 * conditions article). The total comes out short, by a different amount each run.
 *
 * Your task: keep the threads and make the total exact. The page says "Exercise solved" when it is.
 * One good fix also makes it fast: let each thread sum its slice in a local variable and add that
 * to the total once, at the end (with `total.add(sum)`, an atomic add, or under a Lock).
 */
import { Thread, counter, print, progress, type ExampleMeta, type SharedInt } from 'interleave';

export const meta: ExampleMeta = {
  title: 'Exercise: a parallel sum that stays exact',
  summary:
    'Threads each add a slice of a range into one shared total. As shipped the total comes out short; change the threads so that it is exact and still computed in parallel.',
  params: {
    threads: { default: 4, min: 2, max: 8, label: 'Threads' },
    n: { default: 4_000_000, min: 1_000_000, max: 40_000_000, step: 1_000_000, label: 'Numbers to add' },
  },
  expect: { kind: 'exact', counter: 'total' },
  exercise: { goal: 'Keep the work split over the threads, and make the total exact.' },
};

/** The value at position i (small, so the total fits in the shared 32-bit integer). */
function value(i: number): number {
  return i % 10;
}

/** One thread: add value(i) for i in [from, to) into the shared total. */
export function addSlice(total: SharedInt, from: number, to: number): void {
  for (let i = from; i < to; i++) {
    total.value += value(i); // a read, then a write: another thread can write in between
    if ((i - from) % 65_536 === 0) progress(i - from, to - from);
  }
  progress(to - from, to - from);
}

export default function main({ threads, n }: { threads: number; n: number }): void {
  let expected = 0;
  for (let i = 0; i < n; i++) expected += value(i);
  const total = counter('total', { expected });
  print(`adding value(i) = i % 10 for i < ${n} on ${threads} threads; the right answer is ${expected}`);

  const size = Math.ceil(n / threads);
  const workers = Array.from({ length: threads }, (_, k) => {
    const from = k * size;
    const to = Math.min(n, from + size);
    return new Thread(addSlice, [total, from, to], { name: `T${k + 1}` });
  });
  for (const t of workers) t.start();
  for (const t of workers) t.join();
  print(`expected ${expected}, got ${total.value} (off by ${expected - total.value})`);
}
