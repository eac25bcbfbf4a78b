/**
 * Challenge: an order violation. Use a buffer after it has been freed.
 *
 * The worker fills a buffer, then tells the cleaner it is done (an Event), and the cleaner frees the
 * buffer. The intended order is "every use of the buffer, then the free", and the Event was put there
 * to enforce it. But the worker announces "done" one step too early: after its announcement it reads
 * the buffer once more, to log how much it wrote. If the cleaner runs in that gap, the worker reads
 * freed memory. Lu et al. (ASPLOS 2008) define an order violation as the desired order between two
 * (groups of) memory accesses being flipped; here the synchronization exists but sits on the wrong
 * side of one access. The fix: set the event after the last use.
 *
 * Run forces the bad order with one more event (`forced: 1`): the worker, writing its log line
 * after the announcement, looks at the buffer only once the cleaner has freed it. Step mode takes it
 * out (`forced: 0`).
 */
import { Event, SharedInt, Thread, assert, print, type ExampleMeta } from 'interleave';

export const meta: ExampleMeta = {
  title: 'Challenge: done, except for one last look',
  summary: 'A worker signals "done" and then reads its buffer once more; the cleaner frees the buffer as soon as it hears. The signal came one access too early.',
  expect: { kind: 'error', includes: 'AssertionError' },
  step: { params: { forced: 0 } },
  challenge: {
    goal: 'Make the worker read the buffer after the cleaner has freed it, so that its assertion fails.',
    win: { kind: 'error', includes: 'AssertionError' },
    hints: [
      'The event is meant to say "I will not touch the buffer again". Is that true at the moment the worker sets it?',
      'The cleaner can only free the buffer after the event is set. The worker still has one read to do after setting it.',
      'Step the worker until it has set the event, then let the cleaner wake up and free the buffer before the worker takes its last step.',
    ],
    order: 150,
  },
};

const FREED = -1;

export function worker(buffer: SharedInt, done: Event, freed: Event | null): void {
  buffer.store(42); // fill it: 42 records
  done.set(); // BUG: "done" is announced here ...
  freed?.wait(); // Run: writing the log line takes a while
  const records = buffer.load(); // ... but this read still needs the buffer
  assert(records !== FREED, 'read the buffer after it was freed (use after free)');
  print(`wrote ${records} records`);
}

export function cleaner(buffer: SharedInt, done: Event, freed: Event | null): void {
  done.wait(); // wait until the worker no longer needs the buffer (so it says)
  buffer.store(FREED); // free it
  freed?.set();
  print('buffer freed');
}

export default function main({ forced = 1 }: { forced?: number }): void {
  const buffer = new SharedInt(0);
  const done = new Event({ name: 'done' });
  const freed = forced === 1 ? new Event({ name: 'freed' }) : null;
  const threads = [new Thread(worker, [buffer, done, freed], { name: 'T1' }), new Thread(cleaner, [buffer, done, freed], { name: 'T2' })];
  for (const t of threads) t.start();
  for (const t of threads) t.join();
}
