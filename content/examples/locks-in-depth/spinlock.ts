/**
 * A lock built from one shared word and compare-and-swap: a spinlock.
 *
 * The word is 0 when the lock is free and 1 when some thread holds it. To acquire, a thread asks the
 * hardware to "change 0 into 1, and tell me what you found" in one indivisible step
 * (`compareExchange`). Exactly one of several threads that try at once finds 0: that one owns the
 * lock; the others found 1 and try again. To release, the owner writes 0.
 *
 * The counter is incremented with a separate load and store, the racy `value += 1` of
 * race-conditions/counter-race; the spinlock alone is what keeps the total exact.
 */
import { SharedInt, Thread, counter, print, progress, type ExampleMeta } from 'interleave';

export const meta: ExampleMeta = {
  title: 'A spinlock from compare-and-swap',
  summary:
    'A lock in a dozen lines: one shared word, compareExchange(0, 1) to take it, store(0) to give it back. The racy increment inside it comes out exact, and the page counts how often a thread found the lock taken.',
  params: {
    threads: { default: 2, min: 1, max: 4, label: 'Threads' },
    n: { default: 200_000, min: 10_000, max: 1_000_000, step: 10_000, label: 'Increments per thread' },
  },
  expect: { kind: 'exact', counter: 'total' },
};

const FREE = 0;
const HELD = 1;

/** Takes the lock; returns how many times it found the lock already taken. */
function spinAcquire(word: SharedInt): number {
  let spins = 0;
  // One indivisible step: if the word is FREE, make it HELD. It returns what it found, so FREE means
  // "it was free and now it is mine"; anything else means another thread owns it.
  while (word.compareExchange(FREE, HELD) !== FREE) {
    spins++;
    // Test-and-test-and-set: wait with plain reads until the word looks free, and only then try the
    // compare-and-swap again. Reads keep the cache line shared; a failed CAS still has to own it.
    while (word.load() !== FREE) spins++;
  }
  return spins;
}

/** Gives the lock back. Only the owner calls this, so a plain atomic store is enough. */
function spinRelease(word: SharedInt): void {
  word.store(FREE);
}

export function increment(word: SharedInt, total: SharedInt, contended: SharedInt, n: number): void {
  let spins = 0;
  for (let i = 0; i < n; i++) {
    spins += spinAcquire(word);
    // Critical section: a read and a write that would lose updates without the lock.
    total.value += 1;
    spinRelease(word);
    if (i % 16_384 === 0) progress(i, n);
  }
  progress(n, n);
  contended.add(spins);
}

export default function main({ threads, n }: { threads: number; n: number }): void {
  const word = new SharedInt(FREE);
  const total = counter('total', { expected: threads * n });
  // How many times, all threads together, a thread checked the word and found the lock taken.
  const contended = counter('spins');
  const workers = Array.from({ length: threads }, (_, i) => new Thread(increment, [word, total, contended, n], { name: `T${i + 1}` }));
  for (const t of workers) t.start();
  for (const t of workers) t.join();
  print(`expected ${threads * n}, got ${total.value}`);
  print(`the lock was found taken ${contended.value} times (spinning, not sleeping)`);
}
