/**
 * A sorted linked list with hand-over-hand locking (lock coupling), against one lock for the list.
 *
 * The list is a set of small integer keys. Node k holds key k - 2; node 0 is the head (smaller
 * than every key) and node 1 the tail (larger than every key), so a node's key is its number and
 * only the `next` links live in shared memory. Each node has its own Lock.
 *
 * Hand-over-hand (OSTEP ch. 29; Herlihy & Shavit ch. 9, "fine-grained synchronization"): a thread
 * walking the list holds the lock of the node it stands on and takes the next node's lock before
 * it lets go of the one behind it, like a climber who never lets go with both hands. So at every
 * moment it holds at least one lock on its path, and nobody can unlink or insert next to the two
 * nodes it holds. Inserting or removing changes `pred.next` while holding both `pred` and `curr`.
 * Threads can walk one list at once, one behind the other, but every node visited costs an
 * acquire and a release, and moves that node's lock word to this thread's core.
 *
 * Run: each thread does `n` random operations (10% insert, 10% remove, 80% contains) on a list of
 * `keys` possible keys, half of them present at the start, with one lock for the list and then
 * hand-over-hand, with 1 thread and then with N (the reported CPUs, at most `maxThreads`), in
 * PASSES passes on the same reused threads; the best pass of each phase counts. Each phase is timed
 * inside its threads. The check after each phase: the list is sorted, and every
 * key is present exactly if it was there at the start plus the inserts minus the removes that
 * succeeded. `keys accounted` counts the keys that pass; the page checks that all of them do.
 *
 * Step mode (`scenario: 1`): the list holds key 1; T1 removes 1 while T2 inserts 0, hand-over-hand.
 */
import { Barrier, Lock, SharedArray, Thread, assert, counter, monotonic, print, type ExampleMeta, type SharedInt } from 'interleave';

export const meta: ExampleMeta = {
  title: 'Hand-over-hand locking against one lock',
  summary:
    'Threads insert, remove and look up keys in a sorted linked list, first under one lock for the whole list, then with a lock per node taken hand over hand. Both stay correct; the table shows which is faster on your machine.',
  params: {
    keys: { default: 64, min: 4, max: 200, label: 'Possible keys (the list holds about half)' },
    n: { default: 10_000, min: 1_000, max: 200_000, step: 1_000, label: 'Operations per thread, per phase' },
    maxThreads: { default: 4, min: 1, max: 8, label: 'Most threads (no more than the reported CPUs)' },
  },
  expect: { kind: 'exact', counter: 'keys accounted' },
  step: { params: { scenario: 1 }, ranges: { scenario: { min: 1, max: 1 } } },
};

const HEAD = 0;
const TAIL = 1;
const CONTAINS = 0;
const INSERT = 1;
const REMOVE = 2;
/** Each phase runs this often, the kinds alternating; the best run of each counts. */
const PASSES = 4;

/** The list's shared parts: links, a lock per node, and the one lock of the coarse version. */
interface List {
  next: SharedArray;
  locks: Lock[];
  one: Lock;
}

const keyOf = (node: number): number => (node === HEAD ? -Infinity : node === TAIL ? Infinity : node - 2);
const nodeOf = (key: number): number => key + 2;
const lockOf = (l: List, node: number): Lock => l.locks[node] as Lock;

/**
 * One operation. `coupled`: hand over hand with the nodes' locks; otherwise under the one lock.
 * Returns whether it found the key (contains), added it (insert) or took it out (remove).
 */
export function operate(l: List, op: number, key: number, coupled: boolean): boolean {
  if (!coupled) l.one.acquire();
  let pred = HEAD;
  if (coupled) lockOf(l, pred).acquire();
  let curr = l.next.get(pred);
  if (coupled) lockOf(l, curr).acquire();
  while (keyOf(curr) < key) {
    // Hand over hand: curr is held, so pred may go; then take the next node before moving on.
    if (coupled) lockOf(l, pred).release();
    pred = curr;
    curr = l.next.get(curr); // pred (the old curr) is held: its link cannot change under us
    if (coupled) lockOf(l, curr).acquire();
  }
  const found = keyOf(curr) === key;
  if (op === INSERT && !found) {
    l.next.set(nodeOf(key), curr); // the new node is private until the next line links it in
    l.next.set(pred, nodeOf(key));
  } else if (op === REMOVE && found) {
    l.next.set(pred, l.next.get(curr)); // unlink curr: both pred and curr are held
  }
  if (coupled) {
    lockOf(l, curr).release();
    lockOf(l, pred).release();
  } else l.one.release();
  return op === INSERT ? !found : found;
}

/**
 * Run: one of the reused threads. Phase r of `plan` gives its thread count and kind (0: one lock,
 * 1: hand-over-hand); thread `me` takes part if me < threads, does `n` random operations, stores
 * when it started and ended, and adds the inserts and removes that succeeded, per key.
 */
export function worker(l: List, me: number, plan: SharedArray, go: Barrier, done: Barrier, n: number, keys: number, times: SharedArray, inserted: SharedArray, removed: SharedArray): void {
  const ins = new Array<number>(keys);
  const rem = new Array<number>(keys);
  let x = 12_345 + 977 * me; // each thread its own pseudo-random sequence
  for (let r = 0; r < plan.length / 2; r++) {
    go.wait();
    if (me >= plan.get(2 * r)) {
      done.wait();
      continue;
    }
    const coupled = plan.get(2 * r + 1) === 1;
    ins.fill(0);
    rem.fill(0);
    times.set(2 * me, monotonic());
    for (let i = 0; i < n; i++) {
      x = (Math.imul(x, 1_103_515_245) + 12_345) >>> 0;
      const key = (x >>> 8) % keys;
      const k = (x >>> 4) % 10;
      const op = k === 0 ? INSERT : k === 1 ? REMOVE : CONTAINS;
      if (operate(l, op, key, coupled) && op !== CONTAINS) {
        const tally = op === INSERT ? ins : rem;
        tally[key] = (tally[key] ?? 0) + 1;
      }
    }
    times.set(2 * me + 1, monotonic());
    for (let k = 0; k < keys; k++) {
      if (ins[k]) inserted.add(k, ins[k] ?? 0);
      if (rem[k]) removed.add(k, rem[k] ?? 0);
    }
    done.wait();
  }
}

/** Step mode: one operation. */
export function one(l: List, op: number, key: number, inserted: SharedArray, removed: SharedArray): void {
  if (operate(l, op, key, true)) (op === INSERT ? inserted : removed).add(key, 1);
}

/** An empty list of `keys` possible keys (key k is node k + 2), with a lock per node. */
function build(keys: number): List {
  const next = new SharedArray('int32', keys + 2);
  const locks = Array.from({ length: keys + 2 }, (_, i) => new Lock({ name: i === HEAD ? 'head' : i === TAIL ? 'tail' : `node ${i - 2}` }));
  return { next, locks, one: new Lock({ name: 'list' }) };
}

/** Links the list afresh to hold the keys in `present`, in order (the locks are reused). */
function fill(l: List, keys: number, present: (k: number) => boolean): void {
  let last = HEAD;
  for (let k = 0; k < keys; k++) {
    if (!present(k)) continue;
    l.next.set(last, nodeOf(k));
    last = nodeOf(k);
  }
  l.next.set(last, TAIL);
}

/**
 * The check: walk the list (sorted, ends at the tail), then compare each key's presence with what
 * the operations say. Counts the keys that pass in `accounted`; an AssertionError names the rest.
 */
function check(l: List, keys: number, present: (k: number) => boolean, inserted: SharedArray, removed: SharedArray, accounted: SharedInt): void {
  const inList = new Set<number>();
  let node = l.next.get(HEAD);
  let prev = -Infinity;
  for (let steps = 0; node !== TAIL; steps++) {
    assert(steps <= keys, 'the list does not end at the tail: a cycle');
    assert(keyOf(node) > prev, `the list is not sorted: ${keyOf(node)} after ${prev}`);
    prev = keyOf(node);
    inList.add(prev);
    node = l.next.get(node);
  }
  const wrong: string[] = [];
  for (let k = 0; k < keys; k++) {
    const should = (present(k) ? 1 : 0) + inserted.get(k) - removed.get(k);
    if (should === (inList.has(k) ? 1 : 0)) accounted.add(1);
    else wrong.push(`key ${k}: ${present(k) ? 'present at the start' : 'absent at the start'}, inserted ${inserted.get(k)}x, removed ${removed.get(k)}x, yet ${inList.has(k) ? 'in' : 'not in'} the list`);
  }
  assert(wrong.length === 0, wrong.join('; '));
}

export default function main({ keys, n, maxThreads, scenario = 0 }: { keys: number; n: number; maxThreads: number; scenario?: number }): void {
  if (scenario === 1) {
    // Step mode: the list holds key 1. T1 removes 1, T2 inserts 0; afterwards it must hold just 0.
    const accounted = counter('keys accounted', { expected: 2 });
    const l = build(2);
    fill(l, 2, (k) => k === 1);
    const inserted = new SharedArray('int32', 2);
    const removed = new SharedArray('int32', 2);
    const ts = [new Thread(one, [l, REMOVE, 1, inserted, removed], { name: 'T1' }), new Thread(one, [l, INSERT, 0, inserted, removed], { name: 'T2' })];
    for (const t of ts) t.start();
    for (const t of ts) t.join();
    check(l, 2, (k) => k === 1, inserted, removed, accounted);
    print('the list holds 0 and not 1, as it should');
    return;
  }

  const reported = (typeof navigator === 'undefined' ? 0 : navigator.hardwareConcurrency) || 1;
  const most = Math.max(1, Math.min(reported, maxThreads));
  const counts = most === 1 ? [1] : [1, most];
  // Phases: for each pass, each thread count, one lock then hand-over-hand. The best pass of each
  // counts (the first pass also warms up freshly started workers).
  const order = counts.flatMap((t) => [t, 0, t, 1]);
  const plan = new SharedArray('int32', Array.from({ length: PASSES }, () => order).flat());
  const phases = plan.length / 2;
  const accounted = counter('keys accounted', { expected: phases * keys });
  const l = build(keys); // one set of locks for every phase (a run has room for 511 objects)
  const present = (k: number): boolean => k % 2 === 0;
  const inserted = new SharedArray('int32', keys);
  const removed = new SharedArray('int32', keys);
  const times = new SharedArray('float64', 2 * most);
  const go = new Barrier(most + 1, { name: 'phase start' });
  const done = new Barrier(most + 1, { name: 'phase end' });
  const ws = Array.from({ length: most }, (_, i) => new Thread(worker, [l, i, plan, go, done, n, keys, times, inserted, removed], { name: `T${i + 1}` }));
  for (const w of ws) w.start();

  const best = new Map<string, number>();
  for (let r = 0; r < phases; r++) {
    const t = plan.get(2 * r);
    fill(l, keys, present);
    for (let k = 0; k < keys; k++) {
      inserted.set(k, 0);
      removed.set(k, 0);
    }
    go.wait();
    done.wait();
    check(l, keys, present, inserted, removed, accounted);
    const tt = times.toArray().slice(0, 2 * t);
    const seconds = Math.max(...tt.filter((_, i) => i % 2 === 1)) - Math.min(...tt.filter((_, i) => i % 2 === 0));
    const name = `${plan.get(2 * r + 1)} ${t}`;
    best.set(name, Math.max(best.get(name) ?? 0, (t * n) / Math.max(seconds, 1e-6)));
  }
  for (const w of ws) w.join();

  print(`${reported} reported CPU${reported === 1 ? '' : 's'}; ${keys} possible keys; each thread does ${n.toLocaleString('en-US')} operations (80% lookups) per phase; best of ${PASSES} passes`);
  print('threads   one lock (k ops/s)   hand-over-hand (k ops/s)   hand-over-hand / one lock');
  const ratios: number[] = [];
  for (const t of counts) {
    const coarse = best.get(`0 ${t}`) ?? 0;
    const coupled = best.get(`1 ${t}`) ?? 0;
    ratios.push(coupled / coarse);
    print(`${String(t).padStart(7)}   ${(coarse / 1000).toFixed(0).padStart(18)}   ${(coupled / 1000).toFixed(0).padStart(24)}   ${(coupled / coarse).toFixed(2).padStart(25)}`);
  }
  print(`every phase checked: sorted, and every key where the operations put it (${accounted.value} of ${phases * keys} checks passed)`);
  const worst = Math.max(...ratios);
  print(
    worst < 1
      ? `Hand-over-hand was slower at every thread count (at best ${worst.toFixed(2)}x the one lock's speed): an acquire and a release for every node visited cost more than the waiting they save.`
      : `Hand-over-hand was faster at least once here (up to ${worst.toFixed(2)}x the one lock's speed): on this machine the walks that overlapped paid for the per-node locking.`,
  );
}
