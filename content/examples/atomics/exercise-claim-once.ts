/**
 * EXERCISE: this example fails as shipped, on purpose. Make exactly one thread win the claim.
 *
 * Several threads each try to claim one job by writing their id into `owner`, which starts at 0
 * (unclaimed). As shipped, a thread first checks that owner is 0 and then stores its id: two atomic
 * steps, not one. The Barrier between them stands for the worst moment for the scheduler to pause a
 * thread: every thread has checked before any has stored, so every thread believes it won. (Without
 * the barrier the same bug shows only now and then, which is worse.)
 *
 * The expectation states the goal: `winners` ends at exactly 1. Keep the barrier, and make the
 * check and the claim one atomic operation.
 */
import { Barrier, Thread, counter, currentThread, print, type ExampleMeta, type SharedInt } from 'interleave';

export const meta: ExampleMeta = {
  title: 'Exercise: claim a job exactly once',
  summary: 'As shipped, each thread checks that a job is free and then claims it, so all of them win. Turn check-then-store into one atomic step so that exactly one wins.',
  params: {
    threads: { default: 4, min: 2, max: 8, label: 'Threads' },
  },
  expect: { kind: 'exact', counter: 'winners' },
  exercise: { goal: 'Keep the barrier, and make the check and the claim one atomic operation, so that exactly one thread wins.' },
};

export function tryClaim(owner: SharedInt, winners: SharedInt, worstMoment: Barrier): void {
  const me = currentThread().ident;
  // BUG: the check and the store are two separate steps.
  const free = owner.load() === 0;
  worstMoment.wait(); // every thread is paused here, between its check and its store
  if (free) {
    owner.store(me);
    winners.add(1);
    print('claimed the job');
  } else {
    print('the job was taken');
  }
}

export default function main({ threads }: { threads: number }): void {
  const owner = counter('owner');
  const winners = counter('winners', { expected: 1 });
  const worstMoment = new Barrier(threads, { name: 'worst moment' });
  const workers = Array.from({ length: threads }, (_, i) => new Thread(tryClaim, [owner, winners, worstMoment], { name: `T${i + 1}` }));
  for (const t of workers) t.start();
  for (const t of workers) t.join();
  const ownerName = workers.find((t) => t.ident === owner.value)?.name ?? 'nobody';
  print(`${winners.value} of ${threads} threads think they own the job; owner says ${ownerName}`);
}
