/**
 * Lock granularity: one lock for a whole table, or one lock per slot?
 *
 * A table of `slots` counters (a SharedArray) is updated by several threads. Each update picks a
 * pseudo-random slot, takes a lock, reads the slot, does some slow work while holding the lock
 * (here: sleeps `holdMs`, standing in for a disk write or a network call), and writes the slot back.
 * The same updates run twice:
 *
 *   coarse: one Lock guards the whole table. Updates of different slots still exclude each other,
 *           so the threads take turns and their slow parts add up;
 *   fine:   one Lock per slot. Two threads wait for each other only when they pick the same slot at
 *           the same moment, so their slow parts overlap.
 *
 * Each acquire first tries without waiting (`acquire(false)`); a failure is counted as a contended
 * acquisition, and the thread then waits, timing how long. Both tables must end with exactly
 * threads x n updates: that is the statement the page checks. Times, contention and the ratio are
 * measured on your machine and printed. Because the work inside the lock is sleeping, not
 * computing, the result does not depend on how many cores are free.
 */
import { Lock, SharedArray, Thread, counter, monotonic, print, progress, sleep, type ExampleMeta, type SharedInt } from 'interleave';

export const meta: ExampleMeta = {
  title: 'One lock for the table, or one per slot',
  summary:
    'Four threads update a shared table, holding a lock across slow work: first under one global lock, then under a lock per slot. Both end exact; with one lock nearly every acquisition waits and the slow parts queue up.',
  params: {
    threads: { default: 4, min: 1, max: 8, label: 'Threads' },
    slots: { default: 64, min: 1, max: 256, label: 'Slots (and locks, when fine)' },
    n: { default: 50, min: 1, max: 1000, label: 'Updates per thread' },
    holdMs: { default: 1, min: 0, max: 20, label: 'Slow work inside the lock (ms)' },
  },
  expect: { kind: 'exact', counter: 'updates' },
};

/** One thread: `n` updates; `locks` has one lock (coarse) or one per slot (fine). */
export function updater(table: SharedArray, locks: Lock[], contended: SharedInt, starts: SharedArray, stats: SharedArray, me: number, n: number, holdMs: number): void {
  const started = monotonic();
  starts.set(me, started);
  let x = 7 + 101 * me; // each thread its own sequence of slots
  let waited = 0;
  let waitedS = 0;
  for (let i = 0; i < n; i++) {
    x = (Math.imul(x, 1_103_515_245) + 12_345) >>> 0; // a tiny pseudo-random generator
    const slot = (x >>> 8) % table.length;
    const lock = (locks.length === 1 ? locks[0] : locks[slot]) as Lock;
    if (!lock.acquire(false)) {
      // Someone holds this lock right now: wait for it, and time the wait.
      waited++;
      const t0 = monotonic();
      lock.acquire();
      waitedS += monotonic() - t0;
    }
    try {
      const v = table.get(slot);
      if (holdMs > 0) sleep(holdMs / 1000); // the slow part, done while holding the lock
      table.set(slot, v + 1); // read ... write: only safe because we hold the slot's lock
    } finally {
      lock.release();
    }
    progress(i + 1, n);
  }
  contended.add(waited);
  // Seconds spent waiting for a lock and seconds running, summed over the threads (atomic adds).
  stats.add(0, waitedS);
  stats.add(1, monotonic() - started);
}

function runPhase(label: string, threads: number, slots: number, n: number, holdMs: number, updates: SharedInt): number {
  const table = new SharedArray('int32', slots);
  const locks = label === 'fine' ? Array.from({ length: slots }, (_, i) => new Lock({ name: `slot ${i}` })) : [new Lock({ name: 'table' })];
  const contended = counter(`contended (${label})`);
  const starts = new SharedArray('float64', threads); // when each thread began (monotonic seconds)
  const stats = new SharedArray('float64', 2);
  const workers = Array.from({ length: threads }, (_, i) => new Thread(updater, [table, locks, contended, starts, stats, i, n, holdMs], { name: `${label} ${i + 1}` }));
  for (const t of workers) t.start();
  for (const t of workers) t.join(); // the threads start together when main first blocks, here
  const ms = (monotonic() - Math.min(...starts.toArray())) * 1000;
  const sum = table.toArray().reduce((a, b) => a + b, 0);
  updates.add(sum);
  const pctContended = (100 * contended.value) / (threads * n);
  const pctWaiting = (100 * stats.get(0)) / Math.max(stats.get(1), 1e-9);
  print(
    `${label === 'fine' ? `fine (${slots} locks)` : 'coarse (1 lock)'}: ${ms.toFixed(0)} ms; ` +
      `${pctContended.toFixed(0)}% of acquisitions found the lock taken; the threads spent ${pctWaiting.toFixed(0)}% of their time waiting; table sum ${sum}`,
  );
  return ms;
}

export default function main({ threads, slots, n, holdMs }: { threads: number; slots: number; n: number; holdMs: number }): void {
  // Both phases together must account for every update: 2 x threads x n.
  const updates = counter('updates', { expected: 2 * threads * n });
  print(`${threads} threads x ${n} updates to ${slots} slots, ${holdMs} ms of slow work inside the lock each`);
  const coarse = runPhase('coarse', threads, slots, n, holdMs, updates);
  const fine = runPhase('fine', threads, slots, n, holdMs, updates);
  print(`one lock per slot was ${(coarse / fine).toFixed(1)}x as fast as one lock for the table`);
}
