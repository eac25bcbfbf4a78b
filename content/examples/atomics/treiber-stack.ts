/**
 * A lock-free stack (R. K. Treiber, 1986): push and pop are compare-and-swap loops on the head.
 *
 * Nodes live in shared memory as indices into `next` (node i's successor; 0 means "none"), so the
 * stack is a linked list and `head` is one word. Each thread owns the nodes it pushes (no allocator).
 *   push(x): h = head; next[x] = h; CAS(head, h, x), retry on failure.
 *   pop():   h = head; if h == 0 the stack is empty; n = next[h]; CAS(head, h, n), retry on failure.
 * Phase 1: all threads push their nodes at once. A Barrier. Phase 2: all threads pop at once until
 * the stack is empty. Popping concurrently is safe HERE because no node is pushed again while others
 * pop: the head can never return to a value a slow thread read earlier (the ABA problem, next).
 *
 * Checks: every node is popped exactly once (a second pop of the same node raises), and `popped`
 * ends at threads * n.
 */
import { Barrier, SharedArray, SharedInt, Thread, counter, print, type ExampleMeta } from 'interleave';

export const meta: ExampleMeta = {
  title: 'A lock-free stack from compare-and-swap',
  summary: 'Threads push onto and then pop from a shared linked stack using only compareExchange on its head; every node comes off exactly once.',
  params: {
    threads: { default: 2, min: 1, max: 4, label: 'Threads' },
    n: { default: 50_000, min: 1_000, max: 50_000, step: 1_000, label: 'Nodes per thread' },
  },
  expect: { kind: 'exact', counter: 'popped' },
};

interface Stack {
  head: SharedInt;
  next: SharedArray;
}

/** Pushes node x; returns the number of CAS attempts that lost. */
function push(s: Stack, x: number): number {
  let retries = 0;
  for (;;) {
    const h = s.head.load();
    s.next.set(x, h); // x is still private to us: no other thread can see it until the CAS below
    if (s.head.compareExchange(h, x) === h) return retries; // publish x as the new head
    retries++;
  }
}

/** Pops a node (0 if the stack is empty); `retries[0]` counts lost CAS attempts. */
function pop(s: Stack, retries: number[]): number {
  for (;;) {
    const h = s.head.load();
    if (h === 0) return 0;
    const n = s.next.get(h);
    // Succeeds only if head is still h. Safe because h cannot leave and come back (no re-push here).
    if (s.head.compareExchange(h, n) === h) return h;
    retries[0] = (retries[0] ?? 0) + 1;
  }
}

export function worker(s: Stack, me: number, n: number, phase: Barrier, seen: SharedArray, popped: SharedInt, retries: SharedInt): void {
  let pushRetries = 0;
  for (let i = 1; i <= n; i++) pushRetries += push(s, me * n + i); // node ids me*n+1 .. me*n+n
  phase.wait(); // everything is pushed before anybody pops
  const popRetries = [0];
  let mine = 0;
  for (let x = pop(s, popRetries); x !== 0; x = pop(s, popRetries)) {
    if (seen.exchange(x, 1) !== 0) throw new Error(`node ${x} popped twice`);
    mine++;
  }
  popped.add(mine);
  retries.add(pushRetries + (popRetries[0] ?? 0));
  print(`pushed ${n} (${pushRetries} CAS retries), popped ${mine} (${popRetries[0] ?? 0} CAS retries)`);
}

export default function main({ threads, n }: { threads: number; n: number }): void {
  const s: Stack = { head: new SharedInt(0), next: new SharedArray('int32', threads * n + 1) };
  const seen = new SharedArray('int32', threads * n + 1);
  const popped = counter('popped', { expected: threads * n });
  const retries = counter('CAS retries');
  const phase = new Barrier(threads, { name: 'push, then pop' });
  const workers = Array.from({ length: threads }, (_, i) => new Thread(worker, [s, i, n, phase, seen, popped, retries], { name: `T${i + 1}` }));
  for (const t of workers) t.start();
  for (const t of workers) t.join();
  print(`${popped.value} of ${threads * n} nodes popped, each exactly once; ${retries.value} CAS retries in all`);
}
