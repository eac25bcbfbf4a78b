/**
 * Challenge: `if` instead of `while` around a condition wait.
 *
 * Two consumers take one item each from a shared buffer; a producer puts two items in, one at a
 * time, and after each wakes every waiting consumer with notifyAll(). A consumer that finds the
 * buffer empty waits, and when it wakes up it takes an item without looking again:
 * `if (empty) wait()` instead of `while (empty) wait()`. But a wake-up only says "something
 * changed"; by the time the woken thread has the lock back, another consumer may have taken the
 * item. Python's documentation says why the loop is needed: wait() can return after an arbitrarily
 * long time, and the condition that prompted the notify may no longer hold
 * (https://docs.python.org/3/library/threading.html#condition-objects); Condition.wait_for() writes
 * the loop for you. POSIX adds spurious wake-ups (pthread_cond_wait(3p)); the bug needs none.
 *
 * Run: the producer waits 100 ms before its first item, so both consumers are waiting; its
 * notifyAll() wakes both for one item, and the second to get the lock back finds nothing, every
 * time. Step: the sleeps are not choices; the order is yours.
 */
import { Condition, Lock, Thread, assert, counter, print, sleep, type ExampleMeta, type SharedInt } from 'interleave';

export const meta: ExampleMeta = {
  title: 'Challenge: the consumer that did not look again',
  summary: 'Consumers wait on a condition with `if` instead of `while`: a consumer that wakes up does not check again, and another may already have taken the item.',
  timeLimitMs: 5000,
  expect: { kind: 'error', includes: 'AssertionError' },
  step: { params: {} },
  challenge: {
    goal: 'Make a consumer take an item from an empty buffer, so that its assertion fails.',
    win: { kind: 'error', includes: 'AssertionError' },
    hints: [
      'A consumer skips its check only after it has waited. First make T1 find the buffer empty.',
      'A wake-up is not the item: the woken consumer still has to get the lock back. Who else could get there first?',
      'Let T1 wait, let the producer T3 put one item and wake it, then let T2 take that item before T1 runs again (or let both consumers wait, and wake them for a single item).',
    ],
    order: 80,
  },
};

/** Takes one item; waits first if the buffer is empty. */
export function consumer(cond: Condition, items: SharedInt): void {
  cond.acquire();
  try {
    // BUG: `if`, not `while`: after the wait, the buffer is not checked again.
    if (items.value === 0) cond.wait();
    const n = items.value;
    assert(n > 0, 'woke up to an empty buffer: another consumer took the item first');
    items.value = n - 1;
    print('took an item');
  } finally {
    cond.release();
  }
}

/** Puts two items in, one at a time, waking every waiting consumer after each. */
export function producer(cond: Condition, items: SharedInt): void {
  for (let i = 0; i < 2; i++) {
    sleep(0.1); // (Run's timing: the consumers are waiting by now)
    cond.acquire();
    try {
      items.value += 1;
      cond.notifyAll();
    } finally {
      cond.release();
    }
  }
}

export default function main(): void {
  const cond = new Condition(new Lock({ name: 'buffer lock' }), { name: 'not empty' });
  const items = counter('items');
  const threads = [new Thread(consumer, [cond, items], { name: 'T1' }), new Thread(consumer, [cond, items], { name: 'T2' }), new Thread(producer, [cond, items], { name: 'T3' })];
  for (const t of threads) t.start();
  for (const t of threads) t.join();
  print(`items left: ${items.value}`);
}
