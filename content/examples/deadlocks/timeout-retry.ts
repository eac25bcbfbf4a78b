/**
 * Breaking a deadlock with a timeout: give up, back off, try again.
 *
 * The opposite-order program again: T1 takes A then B, T2 takes B then A, and on the first attempt
 * a barrier makes sure each holds its first lock before asking for its second, the state that
 * deadlocks deadlocks/opposite-order on every run. The difference: the second acquire has a
 * timeout (Python: `lock.acquire(timeout=0.05)`). A thread that times out releases the lock it
 * holds, so the other can go on, sleeps a random few milliseconds, and starts over.
 *
 * At least one thread times out on the first attempt, every run: neither can get its second lock
 * until the other lets go, and only a timeout makes anyone let go.
 */
import { Barrier, Lock, Thread, counter, print, sleep, type ExampleMeta, type SharedInt } from 'interleave';

export const meta: ExampleMeta = {
  title: 'Timeouts: give up, back off, retry',
  summary:
    'Two threads take two locks in opposite order and hit the deadlock on purpose, but the second acquire has a timeout. The thread that times out lets go of its first lock, waits a random moment and retries; every job completes.',
  params: {
    jobs: { default: 20, min: 1, max: 1000, label: 'Jobs per thread' },
    timeoutMs: { default: 50, min: 1, max: 1000, label: 'Timeout of the second acquire (ms)' },
  },
  expect: { kind: 'output', includes: ['gave up waiting for', 'every job done'] },
};

export function worker(first: Lock, second: Lock, names: string[], bothHoldOne: Barrier, done: SharedInt, jobs: number, timeoutMs: number): void {
  let attempt = 0;
  for (let job = 0; job < jobs; job++) {
    for (;;) {
      attempt++;
      first.acquire();
      // First attempt only: wait until the other thread holds its first lock too (the deadlock state).
      if (attempt === 1) bothHoldOne.wait();
      if (second.acquire(true, timeoutMs / 1000)) break; // got both
      // Timed out: undo, so that the other thread can finish, then back off a random 0-10 ms.
      first.release();
      print(`attempt ${attempt}: gave up waiting for ${names[1]} after ${timeoutMs} ms; released ${names[0]}, backing off`);
      sleep(Math.random() * 0.01);
    }
    try {
      done.add(1); // the job, with both locks held
    } finally {
      second.release();
      first.release();
    }
  }
}

export default function main({ jobs, timeoutMs }: { jobs: number; timeoutMs: number }): void {
  const a = new Lock({ name: 'A' });
  const b = new Lock({ name: 'B' });
  const bothHoldOne = new Barrier(2);
  const done = counter('jobs done', { expected: 2 * jobs });
  const t1 = new Thread(worker, [a, b, ['A', 'B'], bothHoldOne, done, jobs, timeoutMs], { name: 'T1' });
  const t2 = new Thread(worker, [b, a, ['B', 'A'], bothHoldOne, done, jobs, timeoutMs], { name: 'T2' });
  t1.start();
  t2.start();
  t1.join();
  t2.join();
  print(done.value === 2 * jobs ? `every job done: ${done.value}` : `only ${done.value} of ${2 * jobs} jobs done`);
}
