/**
 * Challenge: get two threads into the critical section at once.
 *
 * Each thread takes a lock before it enters, and releases it after. The bug is where the lock comes
 * from: each thread makes its own. A lock only excludes the threads that take the SAME lock, so
 * here it excludes nobody. `inside` counts the threads in the critical section with atomic adds,
 * and a thread that finds another one there asserts.
 *
 * Run does it 200,000 times per thread on two real cores: the threads meet inside every time.
 */
import { Lock, Thread, assert, counter, currentThread, print, type ExampleMeta, type SharedInt } from 'interleave';

export const meta: ExampleMeta = {
  title: 'A lock each',
  summary: 'Each thread locks before entering the critical section, but each creates its own Lock, so the locks exclude nobody. An atomic counter notices two threads inside.',
  params: {
    n: { default: 200_000, min: 1_000, max: 1_000_000, step: 1_000, label: 'Entries per thread' },
  },
  expect: { kind: 'error', includes: 'AssertionError: two threads in the critical section' },
  step: { params: { n: 1 } },
  challenge: {
    goal: 'Get T1 and T2 into the critical section at the same time, so that the assertion fails.',
    win: { kind: 'error', includes: 'AssertionError' },
    hints: [
      'Look at which lock each thread acquires. Can T2 ever be blocked by T1?',
      'Each thread makes its own Lock: acquiring it always succeeds. The only question is when each thread adds 1 to `inside`.',
      'Step T1 until it has added 1 to inside (acquire, add), then step T2 twice: its add finds 1 already there.',
    ],
    order: 20,
  },
};

export function enter(inside: SharedInt, n: number): void {
  // BUG: a new lock per thread. It should be one Lock, made in main and passed to both threads.
  const lock = new Lock({ name: `${currentThread().name}'s lock` });
  for (let i = 0; i < n; i++) {
    lock.acquire();
    // The critical section: at most one thread may be here.
    const others = inside.add(1); // add returns the value before: the threads already inside
    assert(others === 0, 'two threads in the critical section');
    inside.sub(1);
    lock.release();
  }
}

export default function main({ n }: { n: number }): void {
  const inside = counter('inside');
  const threads = [1, 2].map((k) => new Thread(enter, [inside, n], { name: `T${k}` }));
  for (const t of threads) t.start();
  for (const t of threads) t.join();
  print('never two threads inside');
}
