/**
 * The fix of `concurrency-bugs/use-before-init` (OSTEP, chapter 32, Figure 32.5): enforce the order.
 * A flag `mtInit`, a lock `mtLock` and a condition `mtCond`: init() stores the handle, then sets the
 * flag and notifies, under the lock; mMain waits, under the lock and in a `while` loop, until the
 * flag is set, and only then reads the handle. If mMain runs first it waits; if it runs later it
 * finds the flag set and goes straight on. (An Event is this flag and condition in one object:
 * `go.set()` and `go.wait()`.)
 *
 * Run keeps the bug's timing: init() is descheduled for 50 ms before it stores the handle, and the
 * thread, which starts meanwhile, waits on the condition instead of crashing. In step mode, Explore
 * runs every schedule: none reads a NULL handle.
 */
import { Condition, Lock, SharedInt, Thread, print, sleep, type ExampleMeta } from 'interleave';

export const meta: ExampleMeta = {
  title: 'Wait until it is initialised',
  summary: 'The same thread start, with a flag and a condition variable: the thread waits until init() has stored the handle and said so. It can no longer read a NULL handle.',
  expect: { kind: 'output', includes: ['mState = running (thread handle 1)'] },
  step: { params: {} },
};

const NULL = 0;

interface Init {
  mThread: SharedInt;
  mtInit: SharedInt;
  mtCond: Condition;
}

export function mMain(s: Init): void {
  s.mtCond.acquire();
  try {
    while (s.mtInit.load() === 0) s.mtCond.wait(); // wait for init() to say the handle is there
  } finally {
    s.mtCond.release();
  }
  const handle = s.mThread.load();
  if (handle === NULL) throw new Error('segmentation fault: mThread->State read through a NULL pointer');
  print(`mState = running (thread handle ${handle})`);
}

export default function init(): void {
  const s: Init = { mThread: new SharedInt(NULL), mtInit: new SharedInt(0), mtCond: new Condition(new Lock({ name: 'mtLock' }), { name: 'mtCond' }) };
  const t = new Thread(mMain, [s], { name: 'T1' });
  t.start();
  sleep(0.05); // Run: the creator is descheduled before the assignment, as in the bug
  s.mThread.store(1);
  // Then say so: the flag changes under the lock, and the notify wakes mMain if it is waiting.
  s.mtCond.acquire();
  try {
    s.mtInit.store(1);
    s.mtCond.notify();
  } finally {
    s.mtCond.release();
  }
  t.join();
}
