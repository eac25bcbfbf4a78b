/**
 * The bug a BoundedSemaphore catches: releasing a unit that was never acquired.
 *
 * A pool of two connections is guarded by a semaphore. A buggy error path releases twice. A plain
 * Semaphore accepts the extra release without a word and now admits three threads to a pool of two.
 * A BoundedSemaphore remembers its initial value and raises ValueError at the faulty release, in the
 * thread that made the mistake (Python's threading.BoundedSemaphore does the same).
 */
import { BoundedSemaphore, Semaphore, print, type ExampleMeta } from 'interleave';

export const meta: ExampleMeta = {
  title: 'A BoundedSemaphore refuses an extra release',
  summary: 'The same double release silently grows a plain Semaphore to three units; a BoundedSemaphore raises ValueError instead.',
  expect: { kind: 'error', includes: 'released too many times' },
};

/** One use of a pooled connection, with the bug: the error path releases, then `finally` releases again. */
function useConnection(pool: Semaphore): void {
  pool.acquire();
  try {
    try {
      throw new Error('query failed');
    } catch {
      pool.release(); // give the connection back early on error ...
    }
  } finally {
    pool.release(); // ... and again here: one acquire, two releases
  }
}

export default function main(): void {
  const plain = new Semaphore(2, { name: 'plain pool' });
  useConnection(plain);
  print(`plain Semaphore(2) after the double release: ${plain.value} units: three threads can now get into a pool of two connections`);

  const bounded = new BoundedSemaphore(2, { name: 'bounded pool' });
  print('BoundedSemaphore(2), same code:');
  useConnection(bounded); // raises ValueError at the second release
  print('unreachable');
}
