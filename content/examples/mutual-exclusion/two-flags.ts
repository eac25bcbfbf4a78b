/**
 * The second attempt: one "I want in" flag per thread, raised before looking at the other's.
 *
 *   flag[me] = 1                         I want in
 *   while (flag[other] === 1) wait       after you
 *   ... critical section ...
 *   flag[me] = 0
 *
 * With sequentially consistent accesses (SharedArray's get and set are Atomics) this one does
 * exclude: whoever raised its flag second sees the first flag and waits. But when both raise their
 * flags before either looks, each waits for the other to lower its flag, which it never will. Both
 * spin forever. They are not blocked in the runtime's sense (no lock, no wait), so the deadlock
 * detector sees two busy threads: only Stop or the time limit ends the run.
 */
import { SharedArray, SharedInt, Thread, counter, progress, type ExampleMeta } from 'interleave';

export const meta: ExampleMeta = {
  title: 'Two "I want in" flags: both wait forever',
  summary:
    'Each thread raises its own flag and waits while the other thread\'s flag is up. Never two inside at once, but sooner or later both raise their flags at the same moment and then wait for each other forever: the entries stop, and only Stop or the time limit ends the run.',
  params: {
    entries: { default: 1_000_000, min: 10_000, max: 10_000_000, step: 10_000, label: 'Entries per thread' },
  },
  timeLimitMs: 3_000,
  expect: { kind: 'timeout' },
};

export function lock(flag: SharedArray, me: number): void {
  const other = 1 - me;
  flag.set(me, 1); // I want in
  while (flag.get(other) === 1); // after you (and if you are waiting for me, we both wait forever)
}

export function unlock(flag: SharedArray, me: number): void {
  flag.set(me, 0);
}

export function side(me: number, flag: SharedArray, inside: SharedInt, both: SharedInt, entries: SharedInt, n: number): void {
  for (let i = 0; i < n; i++) {
    lock(flag, me);
    if (inside.add(1) !== 0) both.add(1);
    entries.add(1);
    inside.sub(1);
    unlock(flag, me);
    if (i % 16_384 === 0) progress(i, n);
  }
  progress(n, n);
}

export default function main({ entries: n }: { entries: number }): void {
  const flag = new SharedArray('int32', 2); // flag[0], flag[1]
  const inside = new SharedInt(0);
  const both = counter('both inside', { expected: 0 });
  const entries = counter('entries', { expected: 2 * n });
  const threads = [0, 1].map((me) => new Thread(side, [me, flag, inside, both, entries, n], { name: `T${me + 1}` }));
  for (const t of threads) t.start();
  for (const t of threads) t.join(); // in practice never returns: both threads end up waiting for each other
}
