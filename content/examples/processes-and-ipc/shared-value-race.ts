/**
 * Two workers share one integer in shared memory and add 1 to it a million times each, unguarded.
 *
 * This is the situation of two Python processes sharing a `multiprocessing.Value` and writing
 * `v.value += 1` without `v.get_lock()`. In this runtime a Process cannot be handed shared memory
 * (it is refused, with a message to use a ProcessQueue or a Pipe), so the two workers here are
 * threads: the memory they share, and the race on it, are the same. Each `v.value` read is one
 * atomic load and each write one atomic store, exactly like a Value's per-access lock: every single
 * access is safe, the read-then-write pair is not.
 */
import { Thread, counter, print, progress, type ExampleMeta, type SharedInt } from 'interleave';

export const meta: ExampleMeta = {
  title: 'Shared memory without a lock',
  summary: 'Two workers increment one shared integer, each access atomic but the read-then-write pair unguarded: the total comes out short, as with multiprocessing.Value and no get_lock().',
  params: {
    n: { default: 1_000_000, min: 500_000, max: 5_000_000, step: 100_000, label: 'Increments per worker' },
  },
  expect: { kind: 'lost-updates', counter: 'value' },
};

export function worker(v: SharedInt, n: number): void {
  for (let i = 0; i < n; i++) {
    v.value += 1; // atomic load ... (the other worker may store here) ... atomic store
    if (i % 65_536 === 0) progress(i, n);
  }
  progress(n, n);
}

export default function main({ n }: { n: number }): void {
  const v = counter('value', { expected: 2 * n }); // one Int32 in the shared segment
  const workers = [1, 2].map((k) => new Thread(worker, [v, n], { name: `worker-${k}` }));
  for (const w of workers) w.start();
  for (const w of workers) w.join();
  const lost = 2 * n - v.value;
  print(`expected ${2 * n}, got ${v.value} (lost ${lost})`);
}
