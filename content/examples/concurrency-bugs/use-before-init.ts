/**
 * An order violation, after the Mozilla bug in Lu et al. (ASPLOS 2008) and OSTEP (chapter 32,
 * "Order-Violation Bugs").
 *
 * init() creates a thread and stores the handle it gets back in the global `mThread`; the new
 * thread's first act (mMain) is to read its state through `mThread`. The programmer assumed the
 * store comes first: "A must run before B". Nothing enforces it. The new thread can start running
 * before the creator has done the assignment, and then it reads through a NULL handle.
 *
 * Run makes the bad order certain with an event (`forced: 1`): init() waits after the start, as if
 * descheduled there, until the thread has read the handle. Step mode takes it out (`forced: 0`):
 * main's store and the thread's load are the two steps whose order you choose.
 * `concurrency-bugs/use-before-init-fixed` is the fix.
 */
import { Event, SharedInt, Thread, print, type ExampleMeta } from 'interleave';

export const meta: ExampleMeta = {
  title: 'Used before it was initialised',
  summary: 'init() starts a thread and then stores its handle in mThread; the thread reads mThread first thing. When the thread runs first, it reads a NULL handle.',
  expect: { kind: 'error', includes: 'NULL pointer' },
  step: { params: { forced: 0 } },
};

const NULL = 0;

export function mMain(mThread: SharedInt, loaded: Event | null): void {
  const handle = mThread.load(); // mState = mThread->State: assumes init() has stored the handle
  loaded?.set(); // Run only: lets init() go on
  if (handle === NULL) throw new Error('segmentation fault: mThread->State read through a NULL pointer');
  print(`mState = running (thread handle ${handle})`);
}

export default function init({ forced = 1 }: { forced?: number }): void {
  const mThread = new SharedInt(NULL);
  const loaded = forced === 1 ? new Event({ name: 'loaded' }) : null;
  const t = new Thread(mMain, [mThread, loaded], { name: 'T1' });
  t.start(); // PR_CreateThread: the thread may run from here on ...
  loaded?.wait(); // Run: the creator is descheduled before the assignment
  mThread.store(1); // ... while the handle is stored only now
  t.join();
}
