/**
 * Throttling with a semaphore (OSTEP, chapter 31, "Thread Throttling"): many threads, but at most
 * `limit` of them at a time in the one phase that needs a lot of memory.
 *
 * Each worker reads its input (10 ms), then builds a large buffer for its result: it allocates
 * `block` MiB, writes to every page of it and holds it for 40 ms, then frees it and writes its result
 * (10 ms). Only the middle phase is throttled: `Semaphore(limit)` around it, nothing around the
 * others, so the threads still overlap everywhere else. Without the throttle (limit 0) every worker
 * is in the memory phase at once and the peak is workers x block; with it, the peak is limit x block.
 * Too many at once is how a program thrashes: its working set outgrows memory and it spends its
 * time paging.
 *
 * The counters are live: `in memory phase` now, and `most at once`, the largest value it ever had,
 * kept with a compare-and-swap loop (a lock-free maximum). The check: `most at once` ends at exactly
 * the limit (or at workers, without one): never above it, and reached, so the threads did overlap.
 */
import { Semaphore, Thread, counter, print, sleep, type ExampleMeta, type SharedInt } from 'interleave';

export const meta: ExampleMeta = {
  title: 'A semaphore as a throttle',
  summary: 'Eight workers each go through a memory-hungry phase; a Semaphore(limit) around that phase alone caps how many are in it at once, and with it the peak memory. Live counters show the most at once.',
  params: {
    workers: { default: 8, min: 1, max: 12, label: 'Workers' },
    limit: { default: 3, min: 0, max: 12, label: 'Throttle (0 = none)' },
    block: { default: 2, min: 1, max: 16, label: 'MiB each in the memory phase' },
  },
  expect: { kind: 'exact', counter: 'most at once' },
};

interface Gauge {
  now: SharedInt;
  most: SharedInt;
  mib: SharedInt;
  peakMib: SharedInt;
}

/** Raises `most` to `value` if it is higher: load, then compareExchange, again if someone got there first. */
function raiseTo(most: SharedInt, value: number): void {
  for (let seen = most.load(); value > seen; ) {
    const was = most.compareExchange(seen, value);
    if (was === seen) return;
    seen = was;
  }
}

export function worker(throttle: Semaphore | null, g: Gauge, block: number): void {
  sleep(0.01); // read the input: not throttled
  throttle?.acquire();
  try {
    raiseTo(g.most, g.now.add(1) + 1); // add returns the value before
    raiseTo(g.peakMib, g.mib.add(block) + block);
    // A real allocation, touched page by page so that the memory is really there while we hold it.
    const buffer = new Uint8Array(block * 1024 * 1024);
    for (let i = 0; i < buffer.length; i += 4096) buffer[i] = 1;
    sleep(0.04); // build the result in it
    g.mib.sub(block);
    g.now.sub(1);
  } finally {
    throttle?.release();
  }
  sleep(0.01); // write the result: not throttled
}

export default function main({ workers, limit, block }: { workers: number; limit: number; block: number }): void {
  const throttle = limit > 0 ? new Semaphore(limit, { name: 'throttle' }) : null;
  const bound = limit > 0 ? Math.min(limit, workers) : workers;
  const g: Gauge = {
    now: counter('in memory phase'),
    most: counter('most at once', { expected: bound }),
    mib: counter('MiB in use'),
    peakMib: counter('peak MiB', { expected: bound * block }),
  };
  const threads = Array.from({ length: workers }, (_, i) => new Thread(worker, [throttle, g, block], { name: `W${i + 1}` }));
  for (const t of threads) t.start();
  for (const t of threads) t.join();
  print(`${workers} workers, ${limit > 0 ? `throttle ${limit}` : 'no throttle'}: at most ${g.most.value} in the memory phase at once, peak ${g.peakMib.value} MiB`);
}
