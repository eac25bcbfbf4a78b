/**
 * Challenge: a semaphore used as a mutex, with one release too many.
 *
 * A Semaphore(1) guards a printer: acquire() takes the one permit, release() gives it back, so only
 * one thread prints at a time. Dijkstra's P and V (EWD 123, 1965) make a lock this way, as long as
 * every acquire is matched by exactly one release. Here an empty document is handled by giving the
 * printer back early and skipping to the next document, and the `finally` gives it back a second
 * time. A plain semaphore does not mind: its count just goes to 2, and from then on two threads can
 * be inside. Python's documentation says that a release beyond the initial value is a sign of a bug
 * and offers BoundedSemaphore, which raises ValueError when it happens
 * (https://docs.python.org/3/library/threading.html#semaphore-objects). Fixes: drop the early
 * release (finally already releases), or use BoundedSemaphore to catch it.
 *
 * The assertion counts the threads printing. Run: printing a page takes 5 ms and each thread pauses
 * 10 ms between documents, so T1 soon gets the printer, its empty document raises the count, and
 * two threads print together, every time. Step: one empty document for T1, so the count can go up
 * once; the sleeps are not choices.
 */
import { Semaphore, Thread, assert, counter, print, sleep, type ExampleMeta, type SharedInt } from 'interleave';

export const meta: ExampleMeta = {
  title: 'Challenge: one release too many',
  summary: 'A Semaphore(1) guards a printer, but an early exit releases it twice. The count goes to 2, and two threads can print at once.',
  params: {
    docs: { default: 4, min: 2, max: 10, label: 'Documents per thread' },
  },
  expect: { kind: 'error', includes: 'AssertionError' },
  // Step mode: T1 prints [empty, 3 pages], T2 prints [2 pages, 2 pages].
  step: { params: { docs: 2 }, ranges: { docs: { min: 2, max: 3 } } },
  challenge: {
    goal: 'Get two threads printing at the same time, so that the assertion fails.',
    win: { kind: 'error', includes: 'AssertionError' },
    hints: [
      'The semaphore starts at 1, so the printer looks guarded. Count the releases on each path through the loop.',
      'An empty document gives the permit back twice: once by hand, once in finally. What is the count after that, and who can use it?',
      'Let T1 get through its empty document first (watch the count go to 2); then let T1 and T2 both acquire before either has finished printing.',
    ],
    order: 90,
  },
};

/** Prints each document in turn; a document is its number of pages, 0 for an empty one. */
export function printDocs(printer: Semaphore, printing: SharedInt, docs: readonly number[]): void {
  for (const pages of docs) {
    printer.acquire();
    try {
      if (pages === 0) {
        // Nothing to print: give the printer back early so the others need not wait ...
        printer.release();
        continue; // ... BUG: `finally` below gives it back a second time
      }
      const now = printing.add(1) + 1; // add() returns the value before it
      assert(now === 1, `${now} threads are printing at once`);
      sleep(0.005 * pages); // printing
      printing.sub(1);
    } finally {
      printer.release();
    }
    sleep(0.01); // walks back to the desk (in Run, this lets the other thread have the printer)
  }
  print('done');
}

export default function main({ docs }: { docs: number }): void {
  const printer = new Semaphore(1, { name: 'printer' });
  const printing = counter('printing');
  // T1's first document is empty; the rest have a few pages.
  const t1Docs = [0, ...Array.from({ length: docs - 1 }, () => 3)];
  const t2Docs = Array.from({ length: docs }, () => 2);
  const threads = [new Thread(printDocs, [printer, printing, t1Docs], { name: 'T1' }), new Thread(printDocs, [printer, printing, t2Docs], { name: 'T2' })];
  for (const t of threads) t.start();
  for (const t of threads) t.join();
}
