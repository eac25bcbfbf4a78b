/**
 * Hand-over-hand with one lock released a step too early: a removed node comes back.
 *
 * The same sorted list and the same walk as hand-over-hand.ts, with one change in remove: having
 * found the node, it lets go of `pred` and only then writes `pred.next` to unlink the node. For a
 * moment it changes a node it no longer holds. T1 removes key 1 while T2 inserts key 0:
 *
 *   T1 holds head and node 1; it releases head (too early) ...
 *   T2 takes head at once, reads head.next (still node 1), and waits for node 1's lock;
 *   T1 writes head.next = tail and releases node 1: key 1 is out of the list;
 *   T2 now holds head and node 1 and links 0 in front of node 1: head -> 0 -> 1 -> tail.
 *
 * remove(1) returned true, yet 1 is back. The check after the threads end says so (an
 * AssertionError). Run makes that order certain (standing for the scheduler choosing the worst
 * moment), with a handshake rather than a head start, which a slow worker start could undo: T2
 * begins only once T1 has let go of head, and T1, once it sees head taken, pauses for `pauseMs`
 * before its write, ample time for T2's one read of head.next. Step mode has no pause and no
 * handshake (pauseMs 0), and Explore counts the schedules that lose the remove.
 */
import { Lock, SharedArray, SharedInt, Thread, assert, print, sleep, type ExampleMeta } from 'interleave';

export const meta: ExampleMeta = {
  title: 'Hand-over-hand, one lock released too early',
  summary:
    'Remove lets go of the node before the one it removes a step too early, then writes that node’s link. An insert that grabs the node in between links a new key in front of the removed one, and the removed key is back in the list.',
  params: {
    pauseMs: { default: 200, min: 0, max: 1000, step: 10, label: 'Pause between the early release and the write (ms; 0: no pause, no handshake)' },
  },
  expect: { kind: 'error', includes: 'AssertionError' },
  step: { params: { pauseMs: 0 } },
};

const HEAD = 0;
const TAIL = 1;
const INSERT = 1;
const REMOVE = 2;

interface List {
  next: SharedArray;
  locks: Lock[];
}

const keyOf = (node: number): number => (node === HEAD ? -Infinity : node === TAIL ? Infinity : node - 2);
const nodeOf = (key: number): number => key + 2;
const lockOf = (l: List, node: number): Lock => l.locks[node] as Lock;

/** Insert or remove, walking hand over hand; remove has the early release. */
export function operate(l: List, op: number, key: number, pauseMs: number, released?: SharedInt): boolean {
  let pred = HEAD;
  lockOf(l, pred).acquire();
  let curr = l.next.get(pred);
  lockOf(l, curr).acquire();
  while (keyOf(curr) < key) {
    lockOf(l, pred).release();
    pred = curr;
    curr = l.next.get(curr);
    lockOf(l, curr).acquire();
  }
  const found = keyOf(curr) === key;
  if (op === REMOVE && found) {
    const after = l.next.get(curr);
    lockOf(l, pred).release(); // THE BUG: pred is let go before the write below that changes it
    if (pauseMs > 0 && released) {
      // (Run only: the worst moment, made certain.) Let T2 go, wait until it holds pred, then pause.
      released.store(1);
      while (!lockOf(l, pred).locked()) sleep(0.0005);
      sleep(pauseMs / 1000);
    }
    l.next.set(pred, after); // writes pred.next without holding pred
    lockOf(l, curr).release();
    return true;
  }
  if (op === INSERT && !found) {
    l.next.set(nodeOf(key), curr);
    l.next.set(pred, nodeOf(key));
  }
  lockOf(l, curr).release();
  lockOf(l, pred).release();
  return op === INSERT ? !found : found;
}

export function remover(l: List, pauseMs: number, results: SharedArray, released: SharedInt): void {
  results.set(0, operate(l, REMOVE, 1, pauseMs, released) ? 1 : 0);
}

export function inserter(l: List, pauseMs: number, results: SharedArray, released: SharedInt): void {
  if (pauseMs > 0) while (released.load() === 0) sleep(0.0005); // (Run only) start once T1 let go of head
  results.set(1, operate(l, INSERT, 0, 0) ? 1 : 0);
}

export default function main({ pauseMs }: { pauseMs: number }): void {
  // Keys 0 and 1 (nodes 2 and 3); the list starts as head -> 1 -> tail.
  const l: List = { next: new SharedArray('int32', [3, 0, 0, TAIL]), locks: ['head', 'tail', 'node 0', 'node 1'].map((name) => new Lock({ name })) };
  const results = new SharedArray('int32', 2);
  const released = new SharedInt(0);
  const ts = [new Thread(remover, [l, pauseMs, results, released], { name: 'T1' }), new Thread(inserter, [l, pauseMs, results, released], { name: 'T2' })];
  for (const t of ts) t.start();
  for (const t of ts) t.join();
  const keys: number[] = [];
  for (let node = l.next.get(HEAD); node !== TAIL && keys.length < 3; node = l.next.get(node)) keys.push(keyOf(node));
  print(`remove(1) returned ${results.get(0) === 1}, insert(0) returned ${results.get(1) === 1}; the list holds [${keys.join(', ')}]`);
  assert(!(results.get(0) === 1 && keys.includes(1)), 'remove(1) returned true, yet 1 is in the list');
  assert(keys.length === 1 && keys[0] === 0, `the list should hold [0], not [${keys.join(', ')}]`);
}
