/**
 * Challenge: show that a lost wake-up leaves a thread asleep forever.
 *
 * The consumer looks at a `ready` flag, and if the data is not there yet it waits on a condition
 * for the producer's notify. The bug: it looks at the flag WITHOUT holding the condition's lock.
 * Between its look and its wait, the producer can set the flag and notify; a notify wakes only a
 * thread that is already waiting, so this one is lost, and the consumer then sleeps for a notify
 * that was already sent. Python's docs say why wait() is called with the lock held, in a loop over
 * the predicate (threading.Condition); Condition.wait_for does both.
 *
 * Run forces the bad order every time with two events (`forced: 1`): the consumer sleeps forever
 * and the run is ended by its time limit. Step mode takes them out (`forced: 0`): when every live
 * thread is blocked, the step run ends with the deadlock detector's verdict.
 */
import { Condition, Event, Thread, counter, print, type ExampleMeta, type SharedInt } from 'interleave';

export const meta: ExampleMeta = {
  title: 'The notify nobody heard',
  summary: 'A consumer checks a flag without the lock, then waits for a notify. If the producer sets the flag and notifies in between, the wake-up is lost and the consumer sleeps forever.',
  timeLimitMs: 1500,
  expect: { kind: 'timeout' },
  step: { params: { forced: 0 }, expect: { kind: 'deadlock' } },
  challenge: {
    goal: 'Make the consumer wait forever for a notify that has already been sent.',
    win: { kind: 'deadlock' },
    hints: [
      'A notify wakes only a thread that is waiting at that moment. It is not remembered.',
      'The consumer reads `ready` before it takes the lock. What if the producer runs right after that read?',
      'Step the consumer once (it reads ready = 0). Then step the producer until it is done. Then step the consumer: it waits, and nobody is left to notify it.',
    ],
    order: 50,
  },
};

/** Run only: makes the lost wake-up happen on every run (the consumer has looked; the producer has notified). */
interface Forced {
  looked: Event;
  notified: Event;
}

export function consumer(ready: SharedInt, cond: Condition, forced: Forced | null): void {
  // BUG: the flag is read without the lock, and only once. Fix: `with cond: while not ready: wait`.
  if (ready.value === 0) {
    forced?.looked.set();
    forced?.notified.wait();
    cond.acquire();
    cond.wait(); // sleeps until the next notify
    cond.release();
  }
  print('consumer: the data is ready');
}

export function producer(ready: SharedInt, cond: Condition, forced: Forced | null): void {
  forced?.looked.wait();
  ready.value = 1;
  cond.acquire();
  cond.notify(); // wakes the consumer only if it is waiting right now
  cond.release();
  forced?.notified.set();
}

export default function main({ forced = 1 }: { forced?: number }): void {
  const ready = counter('ready');
  const cond = new Condition(undefined, { name: 'data' });
  const f: Forced | null = forced === 1 ? { looked: new Event({ name: 'looked' }), notified: new Event({ name: 'notified' }) } : null;
  const c = new Thread(consumer, [ready, cond, f], { name: 'Consumer' });
  const p = new Thread(producer, [ready, cond, f], { name: 'Producer' });
  c.start();
  p.start();
  c.join();
  p.join();
  print('both done');
}
