/**
 * Livelock: two polite threads step aside for each other, forever.
 *
 * Alice and Bob each need two locks, pen and paper, to do one job. Alice reaches for the pen first,
 * Bob for the paper. When a thread cannot get its second lock it does not wait (that would be the
 * deadlock of deadlocks/opposite-order): it politely puts its first lock back, steps aside for one
 * round, and tries again.
 *
 * A Barrier acts as a clock: both threads move at the same moment in every round. That is the
 * worst case for politeness, made certain: every round both take their first lock, both find their
 * second taken, both give way, both come back together. Nobody is ever blocked for long, the
 * wait-for graph never has a cycle, the retry counter climbs, and not one job gets done. The run
 * ends only at its time limit.
 */
import { Barrier, Lock, Thread, counter, print, type ExampleMeta, type SharedInt } from 'interleave';

export const meta: ExampleMeta = {
  title: 'Livelock: after you, no, after you',
  summary:
    'Two threads each hold one lock, see that the other is taken, politely put theirs back and try again, in step, forever. Both are busy; neither is blocked; no work is done until the time limit ends the run.',
  params: {
    jobs: { default: 20, min: 1, max: 1000, label: 'Jobs per thread' },
  },
  timeLimitMs: 2000,
  expect: { kind: 'timeout' },
};

export function polite(first: Lock, second: Lock, clock: Barrier, done: SharedInt, retries: SharedInt, finished: SharedInt, jobs: number): void {
  let myJobs = 0;
  let skip = 0; // rounds to sit out before trying again
  let failures = 0;
  for (let round = 1; ; round++) {
    const trying = myJobs < jobs && skip === 0;
    if (trying) first.acquire(); // never waits: every lock is free at the start of a round
    clock.wait(); // tick 1: both threads hold their first lock (if they are trying)

    const gotBoth = trying && second.acquire(false); // look at the second lock, do not wait for it
    clock.wait(); // tick 2: both have looked; nobody has let go yet

    if (gotBoth) {
      done.add(1); // the job: needs both locks
      myJobs++;
      failures = 0;
      second.release();
      first.release();
      if (myJobs === jobs) finished.add(1);
    } else if (trying) {
      first.release(); // "after you": give back what we hold
      retries.add(1);
      failures++;
      skip = 1; // step aside for exactly one round, just as the other thread does
      if (failures <= 3 || Number.isInteger(Math.log10(failures))) print(`round ${round}: stepped aside ${failures} time${failures === 1 ? '' : 's'} in a row, jobs done ${myJobs}`);
    } else if (skip > 0) {
      skip--;
    }
    clock.wait(); // tick 3: every lock is free again
    if (finished.load() === 2) return; // both read the same value here (see main)
  }
}

export default function main({ jobs }: { jobs: number }): void {
  const pen = new Lock({ name: 'pen' });
  const paper = new Lock({ name: 'paper' });
  const clock = new Barrier(2, { name: 'clock' });
  const done = counter('jobs done', { expected: 2 * jobs });
  const retries = counter('retries');
  // How many threads have done all their jobs. It only changes between ticks 2 and 3 of a round, and
  // both threads read it after tick 3, before either can pass tick 2 of the next round: they agree.
  const finished = counter('threads finished');
  const alice = new Thread(polite, [pen, paper, clock, done, retries, finished, jobs], { name: 'Alice' });
  const bob = new Thread(polite, [paper, pen, clock, done, retries, finished, jobs], { name: 'Bob' });
  alice.start();
  bob.start();
  alice.join();
  bob.join();
  print(`all jobs done after ${retries.value} retries`);
}
