/**
 * An atomicity violation, after the MySQL bug that Lu et al. (ASPLOS 2008) and OSTEP (chapter 32,
 * "Atomicity-Violation Bugs") use as their first example.
 *
 * `proc_info` describes what a connection is doing, as a pointer to a message (here: an index into
 * a table of messages; 0 is NULL). T1 writes the status to a log: it checks that the pointer is not
 * NULL, then passes it to fputs, which reads it again. T2 ends the query and clears the pointer. Each
 * access on its own is atomic (one load, one store); the programmer assumed the check and the use
 * were one step, and nothing makes them one. If T2's store lands between them, fputs gets NULL.
 *
 * In C that is a crash; here `fputs` raises the error a segmentation fault would have been. Run
 * makes the bad order certain with two events (`forced: 1`): T1 waits between its check and its use
 * (standing for a preemption there) until T2 has cleared the pointer. Step mode takes them out
 * (`forced: 0`): the order of the three steps is yours, and one of the three orders crashes.
 * `concurrency-bugs/check-then-use-locked` is the fix.
 */
import { Event, SharedInt, Thread, print, type ExampleMeta } from 'interleave';

export const meta: ExampleMeta = {
  title: 'Checked, then cleared, then used',
  summary: "T1 checks that proc_info is not NULL and then passes it to fputs; T2 sets it to NULL in between. Each access is atomic, the pair is not, and fputs is handed NULL.",
  expect: { kind: 'error', includes: 'NULL pointer' },
  step: { params: { forced: 0 } },
};

const NULL = 0;
/** What proc_info can point to. */
const MESSAGES = ['(NULL)', 'Sending data'];

/** Writes the message `p` points to; like C's fputs, it cannot do anything sensible with NULL. */
function fputs(p: number): void {
  if (p === NULL) throw new Error('segmentation fault: fputs() read through a NULL pointer');
  print(`log: ${MESSAGES[p]}`);
}

/** Run only: T1 has checked; T2 has cleared. Together they put T2's store between T1's check and use. */
interface Forced {
  checked: Event;
  cleared: Event;
}

export function logStatus(procInfo: SharedInt, forced: Forced | null): void {
  if (procInfo.load() !== NULL) {
    forced?.checked.set();
    forced?.cleared.wait(); // Run: T1 is preempted here, between the check and the use
    fputs(procInfo.load()); // reads the pointer again: it may have changed since the check
  }
}

export function endQuery(procInfo: SharedInt, forced: Forced | null): void {
  forced?.checked.wait();
  procInfo.store(NULL); // the query is over
  forced?.cleared.set();
}

export default function main({ forced = 1 }: { forced?: number }): void {
  const procInfo = new SharedInt(1); // points to 'Sending data'
  const f: Forced | null = forced === 1 ? { checked: new Event({ name: 'checked' }), cleared: new Event({ name: 'cleared' }) } : null;
  const t1 = new Thread(logStatus, [procInfo, f], { name: 'T1' });
  const t2 = new Thread(endQuery, [procInfo, f], { name: 'T2' });
  t1.start();
  t2.start();
  t1.join();
  t2.join();
}
