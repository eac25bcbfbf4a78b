/**
 * Fairness and starvation: a lock that lets a greedy thread win nearly every time.
 *
 * Two threads share a lock for `ms` milliseconds:
 *   greedy      takes the lock, does `holdMs` of slow work holding it, releases it and at once
 *               takes it again;
 *   occasional  thinks for 1 ms without the lock, then needs the lock for a moment, and again.
 *
 * The same two threads run three times, each time with a different lock:
 *
 *   spinlock   test-and-test-and-set, as in locks-in-depth/spinlock. Nothing decides who goes next: whoever
 *              sees the word free and wins the compareExchange. The greedy thread re-takes the word
 *              nanoseconds after freeing it, usually before the spinning thread has seen it free.
 *   Lock       the runtime's futex lock. Not fair either (nor are glibc's or Python's): a release
 *              wakes a sleeping waiter but does not hand it the lock, so the woken thread must race
 *              the greedy one, which is already running. It loses most of those races.
 *   FIFO lock  a ticket lock built here: each thread takes a number and sleeps (on a Condition)
 *              until `serving` shows it, like the queue at a deli counter. First come, first served:
 *              the occasional thread waits for at most one of the greedy thread's turns (plus the
 *              time it takes to be woken up).
 *
 * The page prints, for each lock, both threads' turns and how long the occasional thread waited in
 * all and at worst. The numbers are measured, so they change from run to run; with the unfair locks
 * they change a lot, because nothing but timing decides who wins.
 */
import { Condition, Lock, SharedArray, SharedInt, Thread, counter, monotonic, print, sleep, type ExampleMeta } from 'interleave';

export const meta: ExampleMeta = {
  title: 'An unfair lock starves a thread; a FIFO lock does not',
  summary:
    'A greedy thread releases and at once re-takes a lock while another needs it once a millisecond. With the unfair locks the second thread spends most of its time waiting; with a first-come, first-served lock it waits at most one turn.',
  params: {
    ms: { default: 400, min: 100, max: 3000, step: 100, label: 'Duration of each run (ms)' },
    holdMs: { default: 1, min: 0, max: 20, label: "Greedy thread's turn (ms)" },
  },
  expect: { kind: 'output', includes: ['spinlock:', 'Lock:', 'FIFO lock:'] },
};

/** What both threads are given: which lock to use, as shared handles (plain data crosses to threads). */
type LockSpec =
  | { kind: 'spinlock'; word: SharedInt }
  | { kind: 'Lock'; lock: Lock }
  | { kind: 'FIFO lock'; cond: Condition; next: SharedInt; serving: SharedInt };

interface Mutex {
  acquire(): void;
  release(): void;
}

function mutexOf(spec: LockSpec): Mutex {
  switch (spec.kind) {
    case 'Lock':
      return spec.lock;
    case 'spinlock': {
      const { word } = spec;
      return {
        acquire(): void {
          while (word.compareExchange(0, 1) !== 0) while (word.load() !== 0);
        },
        release(): void {
          word.store(0);
        },
      };
    }
    case 'FIFO lock': {
      const { cond, next, serving } = spec;
      return {
        acquire(): void {
          cond.acquire();
          // Take a number (under the condition's lock, so numbers are never shared) ...
          const mine = next.value;
          next.value = mine + 1;
          // ... and sleep until it is called. The loop re-checks after every wake-up.
          while (serving.value !== mine) cond.wait();
          cond.release();
        },
        release(): void {
          cond.acquire();
          serving.value += 1; // call the next number
          cond.notifyAll(); // whoever holds it wakes up; the others go back to sleep
          cond.release();
        },
      };
    }
  }
}

export function greedy(spec: LockSpec, stop: SharedInt, turns: SharedInt, holdMs: number): void {
  const m = mutexOf(spec);
  let n = 0;
  while (stop.load() === 0) {
    m.acquire();
    sleep(holdMs / 1000); // the greedy thread's slow work, done while holding the lock
    n++;
    m.release();
    // ... and straight back to acquire(): no pause between turns.
  }
  turns.add(n);
}

export function occasional(spec: LockSpec, stop: SharedInt, turns: SharedInt, waitedUs: SharedArray): void {
  const m = mutexOf(spec);
  const started = monotonic();
  let n = 0;
  let longest = 0;
  let total = 0;
  while (stop.load() === 0) {
    sleep(0.001); // think for a millisecond, without the lock
    const t0 = monotonic();
    m.acquire();
    const waited = monotonic() - t0;
    longest = Math.max(longest, waited);
    total += waited;
    n++; // a very short critical section
    m.release();
  }
  turns.add(n);
  waitedUs.set(0, Math.round(total * 1e6));
  waitedUs.set(1, Math.round(longest * 1e6));
  waitedUs.set(2, Math.round((monotonic() - started) * 1e6));
}

function run(spec: LockSpec, ms: number, holdMs: number): void {
  const stop = new SharedInt(0);
  const g = counter(`greedy turns (${spec.kind})`);
  const o = counter(`occasional turns (${spec.kind})`);
  const waitedUs = new SharedArray('int32', 3); // the occasional thread's [total wait, longest wait, run time], in µs
  const tg = new Thread(greedy, [spec, stop, g, holdMs], { name: `greedy (${spec.kind})` });
  const to = new Thread(occasional, [spec, stop, o, waitedUs], { name: `occasional (${spec.kind})` });
  tg.start();
  to.start();
  sleep(ms / 1000); // both threads start here and run for `ms`
  stop.store(1);
  tg.join();
  to.join();
  const [totalUs = 0, longestUs = 0, ranUs = 1] = waitedUs.toArray();
  print(
    `${spec.kind}: greedy ${g.value} turns, occasional ${o.value} turns; the occasional thread waited ` +
      `${(totalUs / 1000).toFixed(0)} ms in all (${((100 * totalUs) / ranUs).toFixed(0)}% of its time), longest wait ${(longestUs / 1000).toFixed(1)} ms`,
  );
}

export default function main({ ms, holdMs }: { ms: number; holdMs: number }): void {
  print(`each run lasts ${ms} ms; the occasional thread asks for the lock at most about ${ms} times (once per ms of thinking)`);
  run({ kind: 'spinlock', word: new SharedInt(0) }, ms, holdMs);
  run({ kind: 'Lock', lock: new Lock({ name: 'L' }) }, ms, holdMs);
  run({ kind: 'FIFO lock', cond: new Condition(new Lock({ name: 'FIFO inner' })), next: new SharedInt(0), serving: new SharedInt(0) }, ms, holdMs);
}
