/**
 * One counter, three correct ways to increment it, timed: a Lock, a compare-and-swap loop, and an
 * atomic add.
 *
 * The same threads do the same number of increments three times over, one way at a time; each
 * thread measures its own loop. All three are exact. What differs is the cost: the lock takes two
 * atomic operations per increment when nobody else holds it, and sleeping and waking when someone
 * does; the CAS loop takes a load and a compareExchange, and retries when it loses; the atomic add
 * is one instruction that cannot lose. The times are this machine's, measured live, so they change
 * from run to run and from machine to machine; the expectation only checks the total.
 */
import { Barrier, Lock, SharedArray, Thread, counter, monotonic, print, type ExampleMeta, type SharedInt } from 'interleave';

export const meta: ExampleMeta = {
  title: 'Lock, CAS loop or atomic add: the same counter three ways',
  summary: 'Threads increment one counter with a Lock, then with a compare-and-swap loop, then with an atomic add; all three are exact, and each is timed.',
  params: {
    threads: { default: 2, min: 1, max: 8, label: 'Threads' },
    n: { default: 1_000_000, min: 100_000, max: 3_000_000, step: 100_000, label: 'Increments per thread, per way' },
  },
  expect: { kind: 'exact', counter: 'total' },
};

const WAYS = ['Lock', 'CAS loop', 'atomic add'] as const;

export function worker(me: number, total: SharedInt, lock: Lock, n: number, start: Barrier, ms: SharedArray, threads: number): void {
  for (let way = 0; way < WAYS.length; way++) {
    start.wait(); // every thread begins each way together, so they really contend
    const t0 = monotonic();
    if (way === 0) {
      for (let i = 0; i < n; i++) {
        lock.acquire();
        try {
          total.value += 1; // a plain load and store, made safe by the lock
        } finally {
          lock.release();
        }
      }
    } else if (way === 1) {
      for (let i = 0; i < n; i++) {
        let old = total.load();
        // Retry until our compareExchange is the one that moves the counter from `old`.
        for (let found = total.compareExchange(old, old + 1); found !== old; found = total.compareExchange(old, old + 1)) old = found;
      }
    } else {
      for (let i = 0; i < n; i++) total.add(1);
    }
    ms.set(way * threads + me, (monotonic() - t0) * 1000);
  }
}

export default function main({ threads, n }: { threads: number; n: number }): void {
  const total = counter('total', { expected: WAYS.length * threads * n });
  const lock = new Lock({ name: 'counter lock' });
  const start = new Barrier(threads, { name: 'start of each way' });
  const ms = new SharedArray('float64', WAYS.length * threads);
  const workers = Array.from({ length: threads }, (_, i) => new Thread(worker, [i, total, lock, n, start, ms, threads], { name: `T${i + 1}` }));
  for (const t of workers) t.start();
  for (const t of workers) t.join();
  WAYS.forEach((name, way) => {
    const times = Array.from({ length: threads }, (_, i) => ms.get(way * threads + i));
    print(`${name.padEnd(10)} slowest thread ${Math.max(...times).toFixed(1).padStart(7)} ms  (${times.map((t) => t.toFixed(1)).join(', ')})`);
  });
  print(`total ${total.value} of ${WAYS.length * threads * n}: exact three times over`);
}
