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
 * order certain: T1 pauses for `pauseMs` before clearing tail, and T2 starts `delayMs` after T1.
 * Step mode ignores both, and Explore counts the schedules that lose the item.
 */
import { Lock, SharedArray, SharedInt, Thread, counter, print, sleep, type ExampleMeta } from 'interleave';

export const meta: ExampleMeta = {
  title: 'A two-lock queue without the dummy node',
  summary:
    'Take the dummy node out of the two-lock queue and a queue of one item has head and tail on the same node: a dequeue clears the tail under the head lock alone, just after an enqueue linked a new item there, and the item is lost.',
  params: {
    pauseMs: { default: 200, min: 0, max: 1000, step: 10, label: 'T1 pauses before it clears tail (ms)' },
    delayMs: { default: 20, min: 0, max: 500, step: 10, label: 'T2 starts this much later (ms)' },
  },
  expect: { kind: 'lost-updates', counter: 'items out' },
  step: { params: {} },
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

export function dequeue(q: Queue, pauseMs = 0): number {
  q.headLock.acquire();
  const h = q.head.load();
  if (h === NONE) {
    q.headLock.release();
    return NONE;
  }
  const after = q.next.get(h);
  q.head.store(after);
  if (after === NONE) {
    if (pauseMs > 0) sleep(pauseMs / 1000); // (Run only: the worst moment, made certain)
    q.tail.store(NONE); // THE BUG (2): tail written under the head lock only
  }
  q.headLock.release();
  return h;
}

export function consumer(q: Queue, pauseMs: number, out: SharedInt): void {
  if (dequeue(q, pauseMs) !== NONE) out.add(1);
}

export function producer(q: Queue, delayMs: number): void {
  if (delayMs > 0) sleep(delayMs / 1000);
  enqueue(q, 3);
}

export default function main({ pauseMs, delayMs }: { pauseMs: number; delayMs: number }): void {
  // Items are node numbers; the queue starts with item 2 (head = tail = 2), and T2 adds item 3.
  const out = counter('items out', { expected: 2 });
  const q: Queue = { next: new SharedArray('int32', 4), head: new SharedInt(2), tail: new SharedInt(2), headLock: new Lock({ name: 'head lock' }), tailLock: new Lock({ name: 'tail lock' }) };
  const ts = [new Thread(consumer, [q, pauseMs, out], { name: 'T1' }), new Thread(producer, [q, delayMs], { name: 'T2' })];
  for (const t of ts) t.start();
  for (const t of ts) t.join();
  // Afterwards, main takes what is left: both items should come out, one way or the other.
  for (let x = dequeue(q); x !== NONE; x = dequeue(q)) out.add(1);
  print(`${out.value} of 2 items came out${out.value < 2 ? ': item 3 was enqueued and lost' : ''}`);
}
