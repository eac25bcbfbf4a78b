/**
 * EXERCISE: this example fails as shipped, on purpose. Get an exact total by sharing nothing.
 *
 * Two worker threads each count to n by adding 1 to one shared integer, and `total.value += 1` is a
 * read and a separate write, so they lose each other's updates. A lock would fix that at the price
 * of a lock operation per increment. The message-passing fix is cheaper and needs no lock: each
 * worker counts in a local variable and sends its count on the `results` channel (a Queue) when it
 * is done; main receives one count per worker and stores their sum in `total`. Nothing is shared
 * but the channel, and the same design works between processes.
 */
import { Queue, Thread, counter, print, progress, type ExampleMeta, type SharedInt } from 'interleave';

export const meta: ExampleMeta = {
  title: 'Exercise: send results instead of sharing a total',
  summary: 'Two workers add to one shared integer and lose updates. Rewrite them to count locally and send their counts on a channel, and let main add them up.',
  params: {
    n: { default: 1_000_000, min: 1_000_000, max: 5_000_000, step: 100_000, label: 'Count per worker' },
  },
  expect: { kind: 'exact', counter: 'total' },
  exercise: { goal: 'Without a lock: each worker counts in a local variable and puts its count on results; main gets both counts and stores their sum in total.' },
};

export function worker(total: SharedInt, results: Queue<number>, n: number): void {
  for (let i = 0; i < n; i++) {
    total.value += 1; // the shared read-modify-write: the bug
    if (i % 65_536 === 0) progress(i, n);
  }
  progress(n, n);
  results.put(0); // the channel is there, but nothing useful is sent on it yet
}

export default function main({ n }: { n: number }): void {
  const total = counter('total', { expected: 2 * n });
  const results = new Queue<number>(2, { name: 'results' });
  const workers = [1, 2].map((k) => new Thread(worker, [total, results, n], { name: `worker-${k}` }));
  for (const w of workers) w.start();
  for (const _ of workers) results.get(); // one message per worker (ignored as shipped)
  for (const w of workers) w.join();
  print(`expected ${2 * n}, got ${total.value} (lost ${2 * n - total.value})`);
}
