/**
 * Challenge: a barrier reused too early.
 *
 * A hand-made barrier: a count and a condition. Each thread adds itself to the count; the last to
 * arrive resets the count to 0 for the next phase and wakes the others, who wait "until the count
 * is back to 0". That works for one phase. Reused, it breaks: the last thread leaves at once, runs
 * into the next phase and arrives at the barrier again, count 1, before a woken thread has had the
 * lock back to look. That thread finds the count at 1, not 0, and goes back to sleep: it is still in
 * phase 1 while the other waits for it in phase 2, and nobody will ever wake either of them.
 *
 * Python's threading.Barrier is reusable because it does not let a thread enter the next phase until
 * every thread has left the previous one (CPython's Lib/threading.py: Barrier._enter waits while the
 * barrier is "draining"; https://docs.python.org/3/library/threading.html#barrier-objects). The
 * textbook fixes are a generation number that waiters compare instead of the count, or sense
 * reversal (Mellor-Crummey and Scott, "Algorithms for Scalable Synchronization on Shared-Memory
 * Multiprocessors", ACM TOCS 9(1), 1991).
 *
 * Run: with no work between phases, the fast thread is back at the barrier before the woken one
 * has looked, and the threads hang until the time limit ends the run. (Run's deadlock detector
 * draws cycles of locks and joins; in step mode every thread blocked is a deadlock.)
 */
import { Condition, Lock, Thread, counter, print, type ExampleMeta, type SharedInt } from 'interleave';

export const meta: ExampleMeta = {
  title: 'Challenge: a barrier reused too early',
  summary: 'A barrier made of a count and a condition works once. Reused for a second phase, a fast thread can come back before a slow one has left, and both wait forever.',
  params: {
    phases: { default: 1000, min: 100, max: 10_000, step: 100, label: 'Phases' },
  },
  timeLimitMs: 3000,
  expect: { kind: 'timeout' },
  // Step mode: two phases, so the barrier is used twice.
  step: { params: { phases: 2 }, ranges: { phases: { min: 2, max: 3 } }, expect: { kind: 'deadlock' } },
  challenge: {
    goal: 'Leave one thread stuck in phase 1 while the other waits in phase 2, so that every thread is blocked.',
    win: { kind: 'deadlock' },
    hints: [
      'One phase always works. The trouble is what a woken thread finds when it finally looks at the count.',
      'The last thread to arrive resets the count and wakes the other. What if it comes straight back, before the woken thread has run?',
      'Let T1 arrive and wait; let T2 arrive, reset, wake T1 and go on into phase 2 until it arrives at the barrier again. Only then let T1 look.',
    ],
    order: 120,
  },
};

interface CountBarrier {
  cond: Condition;
  count: SharedInt;
  parties: number;
}

function barrierWait(b: CountBarrier): void {
  b.cond.acquire();
  try {
    b.count.value += 1;
    if (b.count.value === b.parties) {
      b.count.value = 0; // reset for the next phase ...
      b.cond.notifyAll(); // ... and wake everybody
    } else {
      // BUG: "the count is back to 0" is not "this phase is over": the count may already belong
      // to the next phase.
      while (b.count.value !== 0) b.cond.wait();
    }
  } finally {
    b.cond.release();
  }
}

export function worker(b: CountBarrier, phases: number, done: SharedInt): void {
  for (let phase = 1; phase <= phases; phase++) {
    barrierWait(b); // end of this phase: wait for the others
  }
  done.add(1);
}

export default function main({ phases }: { phases: number }): void {
  const b: CountBarrier = { cond: new Condition(new Lock({ name: 'barrier lock' }), { name: 'phase over' }), count: counter('count'), parties: 2 };
  const done = counter('threads done');
  const threads = [new Thread(worker, [b, phases, done], { name: 'T1' }), new Thread(worker, [b, phases, done], { name: 'T2' })];
  for (const t of threads) t.start();
  for (const t of threads) t.join();
  print(`${phases} phases, every thread through every barrier`);
}
