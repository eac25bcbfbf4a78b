/**
 * The first lock anyone writes: one shared flag, 0 for free and 1 for taken.
 *
 *   while (flag === 1) wait      check: is it free?
 *   flag = 1                     set: take it
 *   ... critical section ...
 *   flag = 0
 *
 * It fails even with every access atomic (here each is one Atomics.load or Atomics.store through
 * SharedInt), and not because of the memory model: the check and the set are two steps. Both
 * threads can see 0, and then both set 1 and walk in. Check-then-act, the race of
 * race-conditions, with the lock itself as the victim.
 *
 * The default of 2,000,000 entries per thread is set for a busy machine: the updates are lost only
 * while both threads are on a core at the same instant, and beside three busy loops on 2 cores,
 * 500,000 entries lost none in 3 of 10 runs (the threads never ran at once); 2,000,000 lost
 * 120,000 or more in each of 16. About 1 s on a quiet 2-core machine, 2-3 s on that busy one.
 */
import { SharedInt, Thread, counter, print, progress, type ExampleMeta } from 'interleave';

export const meta: ExampleMeta = {
  title: 'A lock made of one flag',
  summary:
    'Two threads wait until a shared flag is 0, then set it to 1 and enter. Every access is atomic, and still both threads get in at once: the check and the set are two steps. Entries that find the other thread inside are counted, and the counter incremented inside loses updates.',
  params: {
    entries: { default: 2_000_000, min: 1_000, max: 5_000_000, step: 1_000, label: 'Entries per thread' },
  },
  expect: { kind: 'lost-updates', counter: 'total' },
};

export function lock(flag: SharedInt): void {
  while (flag.load() === 1); // wait until it looks free...
  flag.store(1); // ...and take it. The other thread may have seen it free as well.
}

export function unlock(flag: SharedInt): void {
  flag.store(0);
}

export function side(flag: SharedInt, inside: SharedInt, both: SharedInt, total: SharedInt, n: number, start: SharedInt): void {
  // Start line: both threads spin until both are here, so that their loops overlap.
  start.add(1);
  while (start.load() < 2);
  for (let i = 0; i < n; i++) {
    lock(flag);
    // The critical section: announce yourself, increment with a load and a store (exact only if
    // one thread at a time is here), and look for company on the way in and out.
    const company = inside.add(1) !== 0;
    total.value += 1;
    if (company || inside.load() !== 1) both.add(1);
    inside.sub(1);
    unlock(flag);
    if (i % 16_384 === 0) progress(i, n);
  }
  progress(n, n);
}

export default function main({ entries: n }: { entries: number }): void {
  const flag = new SharedInt(0);
  const inside = new SharedInt(0);
  const both = counter('both inside');
  const total = counter('total', { expected: 2 * n });
  const start = new SharedInt(0);
  const threads = [1, 2].map((k) => new Thread(side, [flag, inside, both, total, n, start], { name: `T${k}` }));
  for (const t of threads) t.start();
  for (const t of threads) t.join();
  print(`both inside in ${both.value} of ${2 * n} entries; expected ${2 * n}, got ${total.value} (lost ${2 * n - total.value})`);
}
