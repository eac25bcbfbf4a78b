/**
 * Communicating sequential processes: goroutine-style workers joined only by channels.
 *
 * In Go this is `jobs := make(chan int)`, a generator goroutine, three workers ranging over jobs and
 * a collector. Here a channel is a Queue with room for one item: put blocks while it is full and get
 * while it is empty, so sender and receiver meet, as on a Go channel. No variable is shared between
 * the threads; all coordination is a send or a receive. Closing a channel is spelled as sentinels,
 * one per receiver, because a Queue cannot be closed.
 */
import { Queue, Thread, print, type ExampleMeta } from 'interleave';

export const meta: ExampleMeta = {
  title: 'Channels instead of shared variables',
  summary: 'A generator, three workers and a collector, each a thread, talk only through one-slot queues used as channels; the sum of squares is exact without a single explicit lock.',
  params: {
    n: { default: 1_000, min: 1, max: 20_000, label: 'Numbers' },
  },
  expect: { kind: 'output', includes: ['sum of squares correct: yes'] },
};

const WORKERS = 3;

export function generate(jobs: Queue<number | null>, n: number): void {
  for (let x = 1; x <= n; x++) jobs.put(x); // blocks until a worker takes the previous one
  for (let i = 0; i < WORKERS; i++) jobs.put(null); // "close": one sentinel per worker
}

export function square(jobs: Queue<number | null>, results: Queue<number | null>): void {
  for (let x = jobs.get(); x !== null; x = jobs.get()) results.put(x * x);
  results.put(null); // this worker is done
}

export default function main({ n }: { n: number }): void {
  const jobs = new Queue<number | null>(1, { name: 'jobs' });
  const results = new Queue<number | null>(1, { name: 'results' });
  const threads = [
    new Thread(generate, [jobs, n], { name: 'generator' }),
    ...Array.from({ length: WORKERS }, (_, i) => new Thread(square, [jobs, results], { name: `worker-${i + 1}` })),
  ];
  for (const t of threads) t.start();
  // main is the collector: it stops after one "done" per worker.
  let sum = 0;
  let count = 0;
  for (let done = 0; done < WORKERS; ) {
    const y = results.get();
    if (y === null) done++;
    else {
      sum += y;
      count++;
    }
  }
  for (const t of threads) t.join();
  print(`${count} squares from ${WORKERS} workers, sum ${sum}`);
  print(`sum of squares correct: ${sum === (n * (n + 1) * (2 * n + 1)) / 6 ? 'yes' : 'no'}`);
}
