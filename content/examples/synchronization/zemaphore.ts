/**
 * A semaphore built from a lock, a condition variable and one integer: OSTEP's "Zemaphore"
 * (chapter 31, "How To Implement Semaphores"), in this runtime.
 *
 *   wait(): take the lock; while value <= 0, wait on the condition; value -= 1; release.
 *   post(): take the lock; value += 1; notify one waiter; release.
 *
 * The value never goes below 0: a thread that finds it at 0 waits BEFORE decrementing. Dijkstra's
 * definition decrements first, so its value, when negative, counts the waiting threads; this one
 * keeps that number nowhere (the condition knows who sleeps), which is simpler and is also how
 * Linux's and CPython's semaphores behave.
 *
 * The program uses one Zemaphore two ways. `mutex`, made with 1, guards a counter that threads
 * increment with a plain load and store (`total.value += 1`): as a lock, it must keep every update.
 * `done`, made with 0, is a signal: each thread posts it once when it has finished, and main waits
 * on it once per thread before it reads the total (unticked, main joins the threads instead).
 * Checks: the total is exact, and the value is never below 0 after a decrement (assert). `waits`
 * counts how often a thread found the value at 0 and slept: each of those times, Dijkstra's value
 * would have been negative.
 */
import { Condition, Lock, Thread, assert, counter, print, type ExampleMeta, type SharedInt } from 'interleave';

export const meta: ExampleMeta = {
  title: 'A semaphore from a lock and a condition',
  summary: "OSTEP's Zemaphore: a value, a lock and a condition variable. Used as a lock it keeps every increment; used as a signal it tells main when the threads are done. Its value never goes below 0.",
  params: {
    threads: { default: 4, min: 1, max: 8, label: 'Threads' },
    n: { default: 1_000, min: 1, max: 20_000, step: 100, label: 'Increments per thread' },
    signal: { kind: 'boolean', label: 'Main waits on a Zemaphore(0) that each thread posts', default: true },
  },
  expect: { kind: 'exact', counter: 'total' },
  // Step mode: two threads, one increment each, and main only joins them: 62 schedules. The signal
  // adds main's own waits to every schedule (`signal: 1`: more than 5,000).
  step: { params: { threads: 2, n: 1, signal: 0 }, ranges: { threads: { min: 1, max: 3 }, n: { min: 1, max: 2 }, signal: { min: 0, max: 1 } } },
};

/** The semaphore's state: every field is read and written only while holding `cond`'s lock. */
export interface Zemaphore {
  cond: Condition;
  value: SharedInt;
  /** Instrument, not part of the semaphore: how many times a thread went to sleep in wait(). */
  waits: SharedInt | null;
}

function makeZemaphore(value: number, name: string, waits: SharedInt | null): Zemaphore {
  return { cond: new Condition(new Lock({ name }), { name: `${name} changed` }), value: counter(`${name} value`, { initial: value }), waits };
}

function zemWait(s: Zemaphore): void {
  s.cond.acquire();
  try {
    // Wait first, decrement after: the value stays >= 0, and a woken thread looks again (`while`),
    // because another thread may have taken the unit between the post and this thread's turn.
    while (s.value.value <= 0) {
      s.waits?.add(1);
      s.cond.wait();
    }
    const left = s.value.sub(1) - 1; // sub returns the value before
    assert(left >= 0, `the value went to ${left}`);
  } finally {
    s.cond.release();
  }
}

function zemPost(s: Zemaphore): void {
  s.cond.acquire();
  try {
    s.value.add(1);
    s.cond.notify(); // one unit, one waiter: the state changed under the lock, so no wake-up is lost
  } finally {
    s.cond.release();
  }
}

export function worker(mutex: Zemaphore, done: Zemaphore | null, total: SharedInt, n: number): void {
  for (let i = 0; i < n; i++) {
    zemWait(mutex); // the Zemaphore as a lock: one thread at a time past this line
    total.value += 1; // a load and a store: only the lock keeps them together
    zemPost(mutex);
  }
  if (done !== null) zemPost(done); // the Zemaphore as a signal: one post per finished thread
}

export default function main({ threads, n, signal }: { threads: number; n: number; signal: number }): void {
  const waits = counter('waits');
  const mutex = makeZemaphore(1, 'mutex', waits);
  const done = signal === 1 ? makeZemaphore(0, 'done', null) : null;
  const total = counter('total', { expected: threads * n });
  const ts = Array.from({ length: threads }, (_, i) => new Thread(worker, [mutex, done, total, n], { name: `T${i + 1}` }));
  for (const t of ts) t.start();
  // With the signal, main knows the total is final once every thread has posted; without it, it joins.
  if (done !== null) for (let i = 0; i < threads; i++) zemWait(done);
  else for (const t of ts) t.join();
  print(`total ${total.value} of ${threads * n}; threads went to sleep in wait() ${waits.value} times, and the value never went below 0`);
  for (const t of ts) t.join();
}
