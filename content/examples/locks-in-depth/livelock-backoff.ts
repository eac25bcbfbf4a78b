/**
 * The livelock fixed: step aside for a random number of rounds (binary exponential back-off).
 *
 * The same two polite threads, the same two locks and the same clock as in locks-in-depth/livelock, with one
 * change. After a failed attempt a thread sits out a random number of rounds, chosen from
 * 0 .. 2^k - 1, where k is how many times in a row it has failed (capped at 6). As soon as the two
 * choose differently, one of them tries alone, gets both locks and does its job. Ethernet resolved
 * collisions on its shared cable this way, and well-behaved retry loops still do.
 *
 * The clock still moves both threads in step: the randomness alone is what breaks the symmetry.
 */
import { Barrier, Lock, Thread, counter, print, type ExampleMeta, type SharedInt } from 'interleave';

export const meta: ExampleMeta = {
  title: 'Livelock fixed by random back-off',
  summary:
    'The same polite threads, but each waits a random number of rounds after a collision, from a range that doubles with every failure. Their timing drifts apart, one of them gets both locks, and every job gets done.',
  params: {
    jobs: { default: 20, min: 1, max: 1000, label: 'Jobs per thread' },
  },
  expect: { kind: 'exact', counter: 'jobs done' },
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
      // Step aside for a random number of rounds, from a range that doubles with every failure.
      skip = Math.floor(Math.random() * 2 ** Math.min(failures, 6));
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
