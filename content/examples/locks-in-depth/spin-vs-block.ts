/**
 * Spinning vs blocking, measured: what does a thread cost while it waits for a lock?
 *
 * Main holds a lock for `holdMs` while `waiters` threads want it and one more thread, the cruncher,
 * does useful arithmetic. This happens twice:
 *
 *   1. with a spinlock (compareExchange in a loop): each waiter keeps checking the lock word, so it
 *      stays on a core for the whole wait;
 *   2. with the runtime's Lock (a futex lock): after a short spin each waiter goes to sleep in
 *      Atomics.wait, and the kernel does not run it again until the lock is released.
 *
 * The page prints how often the spinners checked the word and how much the cruncher got done in each
 * phase. When runnable threads outnumber the cores (by default there are two waiters per core),
 * spinners take CPU time away from the cruncher; sleepers take none.
 */
import { Lock, SharedInt, Thread, counter, print, sleep, type ExampleMeta } from 'interleave';

export const meta: ExampleMeta = {
  title: 'Spinning vs blocking: what waiting costs',
  summary:
    'Waiters spin on a lock word, then sleep on a real Lock, while a third kind of thread does useful work. Spinners burn millions of checks and crowd the worker off the cores; sleepers cost nothing until they are woken.',
  params: {
    waiters: { default: 0, min: 0, max: 24, label: 'Waiting threads (0: two per core)' },
    holdMs: { default: 300, min: 50, max: 2000, step: 50, label: 'Lock held for (ms)' },
  },
  expect: { kind: 'output', includes: ['spinning: the waiters checked the lock word', 'blocking: the waiters slept'] },
};

/** A spinning waiter: test-and-test-and-set until the word is ours, then give it back at once. */
export function spinWaiter(word: SharedInt, checks: SharedInt): void {
  let n = 0;
  while (word.compareExchange(0, 1) !== 0) {
    n++;
    while (word.load() !== 0) n++;
  }
  word.store(0);
  checks.add(n);
}

/** A blocking waiter: the runtime's Lock sleeps in the kernel after a short spin. */
export function blockingWaiter(lock: Lock): void {
  lock.acquire();
  lock.release();
}

/**
 * Useful work until told to stop: counts steps of xorshift32, a cheap pseudo-random generator whose
 * shifts and xors stay int32 (an LCG's `imul + c` overflows int32, and V8 then deoptimizes the loop
 * once per worker, tens of milliseconds of slow steps that would blur the comparison).
 */
export function cruncher(stop: SharedInt, steps: SharedInt): void {
  let x = 1;
  let n = 0;
  while (stop.load() === 0) {
    for (let i = 0; i < 10_000; i++) {
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
    }
    n += 10_000;
  }
  steps.add(n + (x & 0)); // (x & 0) keeps the loop from being optimised away, and adds nothing
}

function millions(n: number): string {
  return `${(n / 1e6).toFixed(1)} million`;
}

export default function main({ waiters: asked, holdMs }: { waiters: number; holdMs: number }): void {
  const cores = typeof navigator === 'undefined' ? 2 : navigator.hardwareConcurrency || 2;
  // Spinners hurt other work only when runnable threads outnumber the cores, so by default there
  // are two waiters per core (at most 24): the effect then shows on any machine.
  const waiters = asked > 0 ? asked : Math.min(24, 2 * cores);
  print(`${waiters} waiters + 1 cruncher on ${cores} cores; main holds the lock for ${holdMs} ms`);

  // Phase 1: spinlock. Main takes the word first, so every waiter has to wait.
  const word = new SharedInt(1);
  const checks = counter('spin checks');
  const stop1 = new SharedInt(0);
  const work1 = counter('cruncher steps (spinning)');
  const spinners = Array.from({ length: waiters }, (_, i) => new Thread(spinWaiter, [word, checks], { name: `spin ${i + 1}` }));
  const c1 = new Thread(cruncher, [stop1, work1], { name: 'cruncher 1' });
  for (const t of spinners) t.start();
  c1.start();
  sleep(holdMs / 1000); // every thread starts here (start barrier), then runs for holdMs
  stop1.store(1);
  word.store(0); // release: the spinners take the word one after another and finish
  for (const t of spinners) t.join();
  c1.join();

  // Phase 2: the same, with a Lock whose waiters sleep.
  const lock = new Lock({ name: 'L' });
  lock.acquire();
  const stop2 = new SharedInt(0);
  const work2 = counter('cruncher steps (blocking)');
  const sleepers = Array.from({ length: waiters }, (_, i) => new Thread(blockingWaiter, [lock], { name: `block ${i + 1}` }));
  const c2 = new Thread(cruncher, [stop2, work2], { name: 'cruncher 2' });
  for (const t of sleepers) t.start();
  c2.start();
  sleep(holdMs / 1000);
  stop2.store(1);
  lock.release(); // wakes one sleeper; each, on release, wakes the next
  for (const t of sleepers) t.join();
  c2.join();

  print(`spinning: the waiters checked the lock word ${millions(checks.value)} times; the cruncher did ${millions(work1.value)} steps`);
  print(`blocking: the waiters slept in Atomics.wait; the cruncher did ${millions(work2.value)} steps`);
  print(`the cruncher got ${(work2.value / Math.max(1, work1.value)).toFixed(2)}x as much done while the waiters slept`);
}
