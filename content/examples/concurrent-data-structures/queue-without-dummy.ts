/**
 * A two-lock queue without the dummy node: each end takes only its own lock where it needs both.
 *
 * Without a dummy, an empty queue has no node at all (head = tail = none), and a queue of one item
 * has head and tail on the same node. Then the two ends are not apart any more:
 *
 *   enqueue into an empty queue must set head as well as tail (it holds only the tail lock);
 *   dequeue of the last item must clear tail as well as head (it holds only the head lock).
 *
 * The queue holds item 2. T1 dequeues while T2 enqueues item 3:
 *
 *   T1 (head lock) reads head = 2 and 2's next, none yet, and stores head = none ...
 *   T2 (tail lock) reads tail = 2, links 3 after 2, stores tail = 3;
 *   T1 stores tail = none: the queue is empty, and item 3 is gone.
 *
 * Michael and Scott's dummy node is what prevents this: the list never becomes empty, so
 * enqueue never touches head and dequeue never touches tail (two-lock-queue.ts). Run makes the
 * order certain (standing for the scheduler choosing the worst moment) with a handshake, not a
 * head start that a slow worker start could undo: T2 begins only once T1 has emptied head, and T1
 * waits, before it clears tail, until T2 has linked its item (at most `pauseMs`). Step mode has
 * neither (pauseMs 0), and Explore counts the schedules that lose the item.
 */
import { Lock, SharedArray, SharedInt, Thread, counter, monotonic, print, sleep, type ExampleMeta } from 'interleave';

export const meta: ExampleMeta = {
  title: 'A two-lock queue without the dummy node',
  summary:
    'Take the dummy node out of the two-lock queue and a queue of one item has head and tail on the same node: a dequeue clears the tail under the head lock alone, just after an enqueue linked a new item there, and the item is lost.',
  params: {
    pauseMs: { default: 500, min: 0, max: 1000, step: 10, label: 'T1 waits for T2 before it clears tail, at most (ms; 0: no wait)' },
  },
  expect: { kind: 'lost-updates', counter: 'items out' },
  step: { params: { pauseMs: 0 } },
};

const NONE = 0;

interface Queue {
  next: SharedArray;
  head: SharedInt;
  tail: SharedInt;
  headLock: Lock;
  tailLock: Lock;
}

export function enqueue(q: Queue, x: number): void {
  q.tailLock.acquire();
  const t = q.tail.load();
  if (t === NONE) q.head.store(x); // THE BUG (1): head written under the tail lock only
  else q.next.set(t, x);
  q.tail.store(x);
  q.tailLock.release();
}

export function dequeue(q: Queue, pauseMs = 0, emptied?: SharedInt): number {
  q.headLock.acquire();
  const h = q.head.load();
  if (h === NONE) {
    q.headLock.release();
    return NONE;
  }
  const after = q.next.get(h);
  q.head.store(after);
  if (after === NONE) {
    if (pauseMs > 0 && emptied) {
      // (Run only: the worst moment, made certain.) Let T2 go, and wait until it has linked its item.
      emptied.store(1);
      const until = monotonic() + pauseMs / 1000;
      while (q.tail.load() === h && monotonic() < until) sleep(0.0005);
    }
    q.tail.store(NONE); // THE BUG (2): tail written under the head lock only
  }
  q.headLock.release();
  return h;
}

export function consumer(q: Queue, pauseMs: number, out: SharedInt, emptied: SharedInt): void {
  if (dequeue(q, pauseMs, emptied) !== NONE) out.add(1);
}

export function producer(q: Queue, pauseMs: number, emptied: SharedInt): void {
  if (pauseMs > 0) while (emptied.load() === 0) sleep(0.0005); // (Run only) start once T1 emptied head
  enqueue(q, 3);
}

export default function main({ pauseMs }: { pauseMs: number }): void {
  // Items are node numbers; the queue starts with item 2 (head = tail = 2), and T2 adds item 3.
  const out = counter('items out', { expected: 2 });
  const q: Queue = { next: new SharedArray('int32', 4), head: new SharedInt(2), tail: new SharedInt(2), headLock: new Lock({ name: 'head lock' }), tailLock: new Lock({ name: 'tail lock' }) };
  const emptied = new SharedInt(0);
  const ts = [new Thread(consumer, [q, pauseMs, out, emptied], { name: 'T1' }), new Thread(producer, [q, pauseMs, emptied], { name: 'T2' })];
  for (const t of ts) t.start();
  for (const t of ts) t.join();
  // Afterwards, main takes what is left: both items should come out, one way or the other.
  for (let x = dequeue(q); x !== NONE; x = dequeue(q)) out.add(1);
  print(`${out.value} of 2 items came out${out.value < 2 ? ': item 3 was enqueued and lost' : ''}`);
}
