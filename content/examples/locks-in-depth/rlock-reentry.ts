/**
 * The same code with an RLock: the owner may take it again.
 *
 * An RLock remembers which thread owns it and how many times that thread has acquired it. A second
 * acquire() by the owner only counts up; each release() counts down, and the lock is free again
 * when the count reaches zero. Another thread still has to wait, exactly as with a Lock.
 *
 * Two threads each make `n` transfers; a transfer takes the lock and calls `deposit`, which takes
 * it again. The total is exact, and no thread ever waits for itself.
 */
import { RLock, Thread, counter, print, progress, type ExampleMeta, type SharedInt } from 'interleave';

export const meta: ExampleMeta = {
  title: 'The same code with an RLock',
  summary: 'An RLock lets the thread that holds it acquire it again (it counts the levels), so a locked function can call another locked function. Other threads are still kept out.',
  params: {
    n: { default: 100_000, min: 1_000, max: 1_000_000, step: 1_000, label: 'Transfers per thread' },
  },
  expect: { kind: 'exact', counter: 'balance' },
};

export function deposit(lock: RLock, balance: SharedInt, amount: number): void {
  lock.acquire(); // already ours when called from transfer(): the count goes from 1 to 2
  try {
    balance.value += amount;
  } finally {
    lock.release(); // 2 -> 1: still held
  }
}

export function transfer(lock: RLock, balance: SharedInt, n: number): void {
  for (let i = 0; i < n; i++) {
    lock.acquire(); // 0 -> 1: taken, or wait while the other thread holds it
    try {
      deposit(lock, balance, 1);
    } finally {
      lock.release(); // 1 -> 0: free for the other thread
    }
    if (i % 8_192 === 0) progress(i, n);
  }
  progress(n, n);
}

export default function main({ n }: { n: number }): void {
  const lock = new RLock({ name: 'account' });
  const balance = counter('balance', { expected: 2 * n });
  const threads = [1, 2].map((i) => new Thread(transfer, [lock, balance, n], { name: `T${i}` }));
  for (const t of threads) t.start();
  for (const t of threads) t.join();
  print(`2 threads x ${n} nested acquisitions: balance ${balance.value} (expected ${2 * n})`);
}
