/**
 * A plain Lock taken twice by the same thread: the thread waits for itself, forever.
 *
 * `transfer` holds the account lock and calls `deposit`, which takes the same lock again. A Lock
 * does not know or care who holds it: the second acquire() waits for the lock to be released, and
 * the only thread that could release it is the one waiting. The runtime's wait-for graph has an
 * edge from T1 to the owner of "account", which is T1: a cycle of length one, so the run is ended
 * as a deadlock. (Python's threading.Lock hangs the same way, with nobody to tell you.)
 */
import { Lock, SharedInt, Thread, print, type ExampleMeta } from 'interleave';

export const meta: ExampleMeta = {
  title: 'A Lock taken twice by one thread',
  summary: 'A function that holds a Lock calls another that takes the same Lock: the thread waits for itself. The detector finds the one-thread cycle.',
  timeLimitMs: 5000,
  expect: { kind: 'deadlock' },
};

export function deposit(lock: Lock, balance: SharedInt, amount: number): void {
  lock.acquire(); // the second time on this thread: waits for a release that can never come
  try {
    balance.value += amount;
  } finally {
    lock.release();
  }
}

export function transfer(lock: Lock, balance: SharedInt): void {
  lock.acquire();
  try {
    print('holding the account lock; calling deposit(), which takes it again ...');
    deposit(lock, balance, 10);
    print('unreachable');
  } finally {
    lock.release();
  }
}

export default function main(): void {
  const lock = new Lock({ name: 'account' });
  const balance = new SharedInt(100);
  const t = new Thread(transfer, [lock, balance], { name: 'T1' });
  t.start();
  t.join();
}
