/**
 * Producer–consumer with a Queue: the same pattern as the hand-built buffer, with the locking
 * inside the queue (it is built like CPython's queue.Queue: one lock, two conditions).
 *
 * Main produces jobs (the numbers 2 .. limit) into a queue of 16 slots; `workers` threads take jobs
 * and test each number for primality. When the queue is full, put() blocks: a fast producer is
 * slowed to the pace of its consumers (back-pressure). After the last job, main puts one `null`
 * per worker: a sentinel that tells a worker to stop, since it cannot see whether more jobs will come.
 *
 * Checks: `processed` ends at the number of jobs, and the prime count found by the workers equals
 * the one main computes alone (main raises if not).
 */
import { Queue, Thread, counter, print, type ExampleMeta, type SharedInt } from 'interleave';

export const meta: ExampleMeta = {
  title: 'Producer–consumer with a Queue',
  summary: 'Main puts numbers into a bounded queue; worker threads take them and count primes. A null per worker tells each one to stop.',
  params: {
    workers: { default: 3, min: 1, max: 8, label: 'Worker threads' },
    limit: { default: 20_000, min: 1_000, max: 200_000, step: 1_000, label: 'Test numbers up to' },
  },
  expect: { kind: 'exact', counter: 'processed' },
};

function isPrime(x: number): boolean {
  if (x < 2) return false;
  for (let d = 2; d * d <= x; d++) if (x % d === 0) return false;
  return true;
}

export function worker(jobs: Queue<number | null>, processed: SharedInt, primes: SharedInt): void {
  let mine = 0;
  // get() blocks while the queue is empty; null is the sentinel.
  for (let x = jobs.get(); x !== null; x = jobs.get()) {
    if (isPrime(x)) primes.add(1);
    processed.add(1);
    mine++;
  }
  print(`took ${mine} jobs`);
}

export default function main({ workers, limit }: { workers: number; limit: number }): void {
  const jobs = new Queue<number | null>(16, { name: 'jobs' });
  const processed = counter('processed', { expected: limit - 1 });
  const primes = counter('primes');
  const threads = Array.from({ length: workers }, (_, i) => new Thread(worker, [jobs, processed, primes], { name: `W${i + 1}` }));
  for (const t of threads) t.start();
  for (let x = 2; x <= limit; x++) jobs.put(x); // blocks whenever 16 jobs are waiting
  for (let i = 0; i < workers; i++) jobs.put(null); // one stop signal per worker
  for (const t of threads) t.join();
  let expected = 0;
  for (let x = 2; x <= limit; x++) if (isPrime(x)) expected++;
  if (primes.value !== expected) throw new Error(`workers found ${primes.value} primes, main finds ${expected}`);
  print(`${processed.value} numbers tested by ${workers} threads: ${primes.value} primes, as main counts alone`);
}
