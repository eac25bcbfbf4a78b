/**
 * The fix of `concurrency-bugs/check-then-use` (OSTEP, chapter 32, Figure 32.3): one lock,
 * `proc_info_lock`, around the check AND the use in T1, and around the store in T2. Every access to
 * proc_info now happens with the lock held, so T2's store can come before the check or after the use,
 * never between them. Any other code that touches proc_info must take the same lock.
 *
 * The timing is the bug's: T1 is still descheduled for 50 ms between its check and its use in Run,
 * and T2 still tries to clear the pointer 20 ms in. Now T2 waits for the lock (its lane shows it
 * blocked), and T1 logs the status. In step mode, Explore runs every schedule: none crashes.
 */
import { Lock, SharedInt, Thread, print, sleep, type ExampleMeta } from 'interleave';

export const meta: ExampleMeta = {
  title: 'One lock around the check and the use',
  summary: 'The same two threads, with proc_info_lock held from the check to the end of the use, and while clearing the pointer. The store can no longer fall between them.',
  expect: { kind: 'output', includes: ['log: Sending data', 'proc_info is NULL now'] },
  // Step mode: T2 may now clear the pointer before T1 looks (then T1 logs nothing, correctly); what
  // holds in every order is that nothing crashes and T2 finishes.
  step: { params: {}, expect: { kind: 'output', includes: ['proc_info is NULL now'] } },
};

const NULL = 0;
const MESSAGES = ['(NULL)', 'Sending data'];

function fputs(p: number): void {
  if (p === NULL) throw new Error('segmentation fault: fputs() read through a NULL pointer');
  print(`log: ${MESSAGES[p]}`);
}

export function logStatus(procInfo: SharedInt, procInfoLock: Lock): void {
  procInfoLock.acquire();
  try {
    if (procInfo.load() !== NULL) {
      sleep(0.05); // Run: preempted here again, but holding the lock
      fputs(procInfo.load()); // the pointer cannot have changed: every writer needs the lock
    }
  } finally {
    procInfoLock.release();
  }
}

export function endQuery(procInfo: SharedInt, procInfoLock: Lock): void {
  sleep(0.02);
  procInfoLock.with(() => procInfo.store(NULL)); // waits until T1 has finished using the pointer
  print('proc_info is NULL now');
}

export default function main(): void {
  const procInfo = new SharedInt(1);
  const procInfoLock = new Lock({ name: 'proc_info_lock' });
  const t1 = new Thread(logStatus, [procInfo, procInfoLock], { name: 'T1' });
  const t2 = new Thread(endQuery, [procInfo, procInfoLock], { name: 'T2' });
  t1.start();
  t2.start();
  t1.join();
  t2.join();
}
