/**
 * The Michael–Scott two-lock queue (Michael & Scott, PODC 1996, "Simple, Fast, and Practical
 * Non-Blocking and Blocking Concurrent Queue Algorithms", the blocking algorithm; OSTEP ch. 29).
 *
 * A linked list with a lock for each end: enqueue takes only the tail lock, dequeue only the head
 * lock. What keeps the two apart is a dummy node: the list always holds at least one node, and
 * `head` points at the dummy, whose successor is the first item. Enqueue writes `tail.next` and
 * `tail`; dequeue reads `head.next` and writes `head` (the old first item becomes the new dummy).
 * The only word both touch is the dummy's `next` when the queue is empty: enqueue writes it,
 * dequeue reads it, and an atomic read sees either no item or the whole new node.
 *
 * Nodes live in shared memory as numbers: `next[i]` is node i's successor, 0 means none, and an
 * item is its node's number. Each thread enqueues nodes of its own (no allocator needed), and a
 * dequeued dummy is simply dropped.
 *
 * Run: producers enqueue `n` items each while as many consumers dequeue `n` each, on a queue that
 * starts with enough items that a consumer never finds it empty; with one lock for both ends and
 * with two; one producer and one consumer, and as many pairs as half the reported CPUs (at most
 * `maxThreads` threads), in PASSES passes on the same threads (the best pass counts). With two
 * locks a producer and a consumer share no lock and, the queue being long, no node either.
 * Checks: every item comes out exactly once (a second time raises), a producer's items come out
 * in the order it put them in, and after each phase main drains the queue: `items out` must end at
 * every item put in.
 *
 * Step mode: an empty queue (just the dummy); T1 enqueues one item while T2 dequeues once.
 */
import { Barrier, Lock, SharedArray, SharedInt, Thread, counter, monotonic, print, type ExampleMeta } from 'interleave';

export const meta: ExampleMeta = {
  title: 'The Michael–Scott two-lock queue',
  summary:
    'A linked queue with a lock for the head and another for the tail, kept apart by a dummy node, against the same queue under one lock. Every item comes out once and in order; the table shows what the second lock buys on your machine.',
  params: {
    n: { default: 20_000, min: 1_000, max: 100_000, step: 1_000, label: 'Items per producer, per phase' },
    maxThreads: { default: 4, min: 1, max: 8, label: 'Most threads (no more than the reported CPUs)' },
  },
  expect: { kind: 'exact', counter: 'items out' },
  step: { params: { scenario: 1 }, ranges: { scenario: { min: 1, max: 1 } } },
};

const NONE = 0;
const PASSES = 5;

/** The queue: links, the two ends, and their locks (the same Lock twice for the one-lock queue). */
interface Queue {
  next: SharedArray;
  head: SharedInt;
  tail: SharedInt;
  headLock: Lock;
  tailLock: Lock;
}

/** Appends node `x` (its `next` is already NONE): only the tail lock. */
export function enqueue(q: Queue, x: number): void {
  q.tailLock.acquire();
  q.next.set(q.tail.load(), x); // link x after the last node (the dummy, if the queue is empty)
  q.tail.store(x);
  q.tailLock.release();
}

/** Takes the first item, or returns NONE if there is none: only the head lock. */
export function dequeue(q: Queue): number {
  q.headLock.acquire();
  const dummy = q.head.load();
  const first = q.next.get(dummy); // the one word an enqueuer may be writing: we see NONE or x
  if (first === NONE) {
    q.headLock.release();
    return NONE;
  }
  q.head.store(first); // the first item's node becomes the new dummy; the old one is dropped
  q.headLock.release();
  return first;
}

/**
 * Run: one of the reused threads. Phase r of `plan` gives its number of producer/consumer pairs p
 * and its kind (0: one lock, 1: two locks). Threads 0..p-1 enqueue `n` nodes of their own;
 * threads p..2p-1 dequeue `n` items each, checking each one.
 */
export function worker(me: number, qs: Queue[], plan: SharedArray, go: Barrier, done: Barrier, n: number, seen: SharedArray, times: SharedArray, out: SharedInt): void {
  for (let r = 0; r < plan.length / 2; r++) {
    go.wait();
    const p = plan.get(2 * r);
    const q = qs[plan.get(2 * r + 1)] as Queue;
    const base = 2 + p * n; // node 1 is the first dummy; main enqueued nodes 2 .. p*n+1 before
    if (me < p) {
      times.set(2 * me, monotonic());
      for (let i = 0; i < n; i++) enqueue(q, base + me * n + i);
      times.set(2 * me + 1, monotonic());
    } else if (me < 2 * p) {
      const latest = new Array<number>(p).fill(0); // per producer: the last of its items seen
      times.set(2 * me, monotonic());
      for (let got = 0; got < n; ) {
        const x = dequeue(q);
        if (x === NONE) continue; // not expected: the queue starts with p * n items
        if (seen.exchange(x, 1) !== 0) throw new Error(`item ${x} came out twice`);
        if (x >= base) {
          const from = Math.floor((x - base) / n);
          if (x <= (latest[from] ?? 0)) throw new Error(`items of T${from + 1} came out of order: ${x} after ${latest[from]}`);
          latest[from] = x;
        }
        got++;
      }
      times.set(2 * me + 1, monotonic());
      out.add(n);
    }
    done.wait();
  }
}

/** A queue of just the dummy (node 1), then `items` nodes 2, 3, ... enqueued by main. */
function reset(q: Queue, next: SharedArray, seen: SharedArray, items: number): void {
  for (let i = 0; i < next.length; i++) {
    next.set(i, NONE);
    seen.set(i, 0);
  }
  q.head.store(1);
  q.tail.store(1);
  for (let x = 2; x < 2 + items; x++) enqueue(q, x);
}

/** After a phase: dequeue what is left, each exactly once. Returns how many came out. */
function drain(q: Queue, seen: SharedArray): number {
  let got = 0;
  for (let x = dequeue(q); x !== NONE; x = dequeue(q)) {
    if (seen.exchange(x, 1) !== 0) throw new Error(`item ${x} came out twice`);
    got++;
  }
  return got;
}

export function stepEnqueuer(q: Queue): void {
  enqueue(q, 2);
}

export function stepDequeuer(q: Queue, out: SharedInt): void {
  if (dequeue(q) !== NONE) out.add(1);
}

export default function main({ n, maxThreads, scenario = 0 }: { n: number; maxThreads: number; scenario?: number }): void {
  if (scenario === 1) {
    // Step mode: the queue is empty (the dummy, node 1); T1 enqueues node 2 while T2 dequeues.
    // Whatever T2 found, the item must come out exactly once: from T2 or from main's drain.
    const out = counter('items out', { expected: 1 });
    const next = new SharedArray('int32', 3);
    const q: Queue = { next, head: new SharedInt(1), tail: new SharedInt(1), headLock: new Lock({ name: 'head lock' }), tailLock: new Lock({ name: 'tail lock' }) };
    const ts = [new Thread(stepEnqueuer, [q], { name: 'T1' }), new Thread(stepDequeuer, [q, out], { name: 'T2' })];
    for (const t of ts) t.start();
    for (const t of ts) t.join();
    out.add(drain(q, new SharedArray('int32', 3)));
    print(`${out.value} item out of 1 put in`);
    return;
  }

  const reported = (typeof navigator === 'undefined' ? 0 : navigator.hardwareConcurrency) || 1;
  const most = Math.max(2, Math.min(reported, maxThreads));
  const pairs = [...new Set([1, Math.floor(most / 2)])];
  const order = pairs.flatMap((p) => [p, 0, p, 1]);
  const plan = new SharedArray('int32', Array.from({ length: PASSES }, () => order).flat());
  const phases = plan.length / 2;
  const itemsPerPass = pairs.reduce((a, p) => a + 2 * 2 * p * n, 0);
  const out = counter('items out', { expected: PASSES * itemsPerPass });
  const top = Math.max(...pairs);
  const next = new SharedArray('int32', 2 + 2 * top * n);
  const seen = new SharedArray('int32', next.length);
  const one = new Lock({ name: 'queue lock' });
  const qs: Queue[] = [
    { next, head: new SharedInt(1), tail: new SharedInt(1), headLock: one, tailLock: one },
    { next, head: new SharedInt(1), tail: new SharedInt(1), headLock: new Lock({ name: 'head lock' }), tailLock: new Lock({ name: 'tail lock' }) },
  ];
  const times = new SharedArray('float64', 4 * top);
  const go = new Barrier(2 * top + 1, { name: 'phase start' });
  const done = new Barrier(2 * top + 1, { name: 'phase end' });
  const ws = Array.from({ length: 2 * top }, (_, i) => new Thread(worker, [i, qs, plan, go, done, n, seen, times, out], { name: `T${i + 1}` }));
  for (const w of ws) w.start();

  const best = new Map<string, number>();
  for (let r = 0; r < phases; r++) {
    const p = plan.get(2 * r);
    const q = qs[plan.get(2 * r + 1)] as Queue;
    reset(q, next, seen, p * n); // the consumers never find the queue empty
    go.wait();
    done.wait();
    out.add(drain(q, seen));
    const tt = times.toArray().slice(0, 4 * p);
    const seconds = Math.max(...tt.filter((_, i) => i % 2 === 1)) - Math.min(...tt.filter((_, i) => i % 2 === 0));
    const key = `${plan.get(2 * r + 1)} ${p}`;
    best.set(key, Math.max(best.get(key) ?? 0, (2 * p * n) / Math.max(seconds, 1e-6)));
  }
  for (const w of ws) w.join();

  print(`${reported} reported CPU${reported === 1 ? '' : 's'}; producers enqueue ${n.toLocaleString('en-US')} items each while as many consumers dequeue as many; best of ${PASSES} passes`);
  print('threads                     one lock (k ops/s)   two locks (k ops/s)   two locks / one lock');
  const ratios: number[] = [];
  for (const p of pairs) {
    const a = best.get(`0 ${p}`) ?? 0;
    const b = best.get(`1 ${p}`) ?? 0;
    ratios.push(b / a);
    print(`${`${p} producer${p === 1 ? '' : 's'} + ${p} consumer${p === 1 ? '' : 's'}`.padEnd(26)}   ${(a / 1000).toFixed(0).padStart(18)}   ${(b / 1000).toFixed(0).padStart(19)}   ${(b / a).toFixed(2).padStart(20)}`);
  }
  print(`${out.value.toLocaleString('en-US')} items out of ${(PASSES * itemsPerPass).toLocaleString('en-US')} put in, each exactly once, each producer's items in the order it put them in`);
  const r1 = ratios[0] ?? 0;
  print(
    r1 >= 1.2
      ? `With two locks the producer and the consumer never waited for each other: ${r1.toFixed(1)}x the operations per second of one lock.`
      : `Two locks were ${r1.toFixed(2)}x as fast as one here: the producer and the consumer did not get a core each often enough for their waiting to matter (a busy machine, or one core).`,
  );
}
