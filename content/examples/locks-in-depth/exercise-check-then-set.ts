/**
 * Exercise: a lock that does not lock. Fix it.
 *
 * This spinlock checks that the word is free and then sets it, in two separate steps. Between the
 * check and the set, another thread can do the same check, see the same free word, and walk in
 * too. Then two threads are inside the critical section at once, and increments are lost.
 *
 * The statement of this example (`exact`) is the goal, not what the shipped code does: as shipped,
 * the total comes out short and the page reports the expectation as not met. Make the check and
 * the set one indivisible step (SharedInt has a method for exactly that), run it again, and the
 * page will tell you whether your fix holds.
 */
import { SharedInt, Thread, counter, print, progress, type ExampleMeta } from 'interleave';

export const meta: ExampleMeta = {
  title: 'Exercise: fix the check-then-set lock',
  summary:
    'A spinlock that first checks the word is free, then sets it: two threads can both get through. As shipped, updates are lost; make acquire() atomic so the total is exact on every run.',
  params: {
    threads: { default: 4, min: 2, max: 8, label: 'Threads' },
    n: { default: 500_000, min: 100_000, max: 2_000_000, step: 100_000, label: 'Increments per thread' },
  },
  expect: { kind: 'exact', counter: 'total' },
  exercise: { goal: 'Make acquire() let only one thread in at a time, so that no update is lost.' },
};

function acquire(word: SharedInt): void {
  while (word.load() !== 0) {
    // wait until the lock looks free ...
  }
  // ... and take it. BUG: another thread may have seen it free too, and be right here as well.
  word.store(1);
}

function release(word: SharedInt): void {
  word.store(0);
}

export function increment(word: SharedInt, total: SharedInt, n: number): void {
  for (let i = 0; i < n; i++) {
    acquire(word);
    total.value += 1; // safe only if acquire() really lets one thread in at a time
    release(word);
    if (i % 65_536 === 0) progress(i, n);
  }
  progress(n, n);
}

export default function main({ threads, n }: { threads: number; n: number }): void {
  const word = new SharedInt(0);
  const total = counter('total', { expected: threads * n });
  const workers = Array.from({ length: threads }, (_, i) => new Thread(increment, [word, total, n], { name: `T${i + 1}` }));
  for (const t of workers) t.start();
  for (const t of workers) t.join();
  print(`expected ${threads * n}, got ${total.value}: ${threads * n - total.value} updates lost`);
}
