/**
 * A thread pool for I/O-bound work: eight tasks that each wait 100 ms (standing in for a network
 * request or a disk read) run on four pool threads.
 *
 * Like Python's ThreadPoolExecutor.map: the pool's threads take tasks from a shared queue, and
 * map() returns the results in the order of the input. While a task waits it needs no CPU, so four
 * threads wait at once even on one core, and even in CPython, which releases the GIL while a thread
 * sleeps or waits for I/O. Eight waits of 100 ms take about 200 ms instead of 800.
 */
import { ThreadPool, monotonic, print, sleep, type ExampleMeta } from 'interleave';

export const meta: ExampleMeta = {
  title: 'A thread pool for waiting',
  summary: 'ThreadPool(4).map runs eight tasks that each wait 100 ms; the waits overlap, so the batch takes about two waits instead of eight, and results come back in input order.',
  params: {
    workers: { default: 4, min: 1, max: 8, label: 'Pool threads' },
  },
  expect: { kind: 'output', includes: ['results in input order: yes'] },
};

/** Pretends to fetch a page: waits 100 ms without using the CPU, then returns its "size". */
export function fetchPage(page: number): { page: number; bytes: number } {
  sleep(0.1);
  return { page, bytes: 1000 + page * 37 };
}

/** A no-op task, to have every pool thread started before the clock starts. */
export function warmUp(): number {
  return 0;
}

export default function main({ workers }: { workers: number }): void {
  const pages = [1, 2, 3, 4, 5, 6, 7, 8];
  const pool = new ThreadPool(workers);
  // Starting a thread takes tens of milliseconds; pay that before timing the waits.
  pool.map(warmUp, Array.from({ length: workers }, () => 0));
  const t0 = monotonic();
  const results = pool.map(fetchPage, pages);
  const ms = (monotonic() - t0) * 1000;
  pool.close();
  print(`sizes: ${results.map((r) => r.bytes).join(', ')}`);
  print(`results in input order: ${results.every((r, i) => r.page === pages[i]) ? 'yes' : 'no'}`);
  const rounds = Math.ceil(pages.length / workers);
  print(`${pages.length} waits of 100 ms on ${workers} threads: ${ms.toFixed(0)} ms (at least ${rounds * 100} ms; one after another: at least 800 ms)`);
}
