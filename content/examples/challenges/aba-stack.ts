/**
 * Challenge: ABA on a lock-free stack.
 *
 * A Treiber stack (R. K. Treiber, "Systems Programming: Coping with Parallelism", IBM Research
 * report RJ 5118, 1986): `head` is one word holding the top node, and pop() reads head, reads that
 * node's `next`, then compareExchange(head, top, next) swings head down only if it still holds the
 * node it read. The check is on the VALUE of head. If, between the read and the CAS, other threads
 * pop that node, pop another, and push the first one back, head holds the same value again (A, then
 * B, then A: "ABA") and the stale CAS succeeds, installing a `next` that is no longer on the stack.
 * Michael and Scott describe the problem and the usual fix, a modification counter in the head word
 * ("Simple, Fast, and Practical Non-Blocking and Blocking Concurrent Queue Algorithms", PODC 1996);
 * content/examples/atomics/aba.ts forces the interleaving and shows the fix.
 *
 * Here the stack starts as A -> B -> C. T1 pops one node. T2 pops two, keeps the second for itself
 * and pushes the first back (a free list recycling a node). Of three nodes, one (T1's) plus one
 * (T2's) are off the stack, so main checks that exactly one is left on it.
 *
 * Run: T1 is slow between its reads and its CAS (a 300 ms sleep stands for the OS preempting it
 * there) and T2 starts 100 ms late, so the bad interleaving happens every time. Step: sleeps are not
 * choices; you decide when T1 is preempted.
 */
import { SharedArray, Thread, assert, counter, print, sleep, type ExampleMeta, type SharedInt } from 'interleave';

export const meta: ExampleMeta = {
  title: 'Challenge: ABA on a lock-free stack',
  summary: 'A compare-and-swap pop checks that the head is still the node it read. When that node was popped and pushed back in the meantime, the CAS succeeds anyway and corrupts the stack.',
  expect: { kind: 'error', includes: 'AssertionError' },
  // Step mode: T1 takes 3 steps, T2 takes 9 (more when a CAS fails and the loop retries).
  step: { params: {} },
  challenge: {
    goal: 'Make T1\'s compareExchange succeed on a recycled node, so that a node T2 took is still on the stack and main\'s check fails.',
    win: { kind: 'error', includes: 'AssertionError' },
    hints: [
      'Each operation on its own is correct: run T1 to the end first, or T2 first, and the stack stays consistent. T1 has to be interrupted.',
      'T1 decides what the new head will be when it reads `next`, and checks only that head still holds the same node when it swaps. What can change in between without changing head?',
      'Step T1 until it has read head (A) and next (B), then run T2 through both pops and its push of A, then let T1 do its compareExchange.',
    ],
    order: 100,
  },
};

const NAMES = ['-', 'A', 'B', 'C'];
const name = (x: number): string => NAMES[x] ?? '?';

interface Stack {
  head: SharedInt; // the top node, 0 when empty
  next: SharedArray; // next[x] = the node below x
}

/** Treiber's pop: read head and its next, then swing head with a CAS; retry if head moved. */
function pop(s: Stack, pause = 0): number {
  for (;;) {
    const top = s.head.load();
    if (top === 0) return 0;
    const below = s.next.get(top);
    if (pause > 0) sleep(pause); // Run only: the OS preempts T1 here
    // Succeeds when head still holds `top`, even if `top` left the stack and came back meanwhile.
    if (s.head.compareExchange(top, below) === top) return top;
  }
}

/** Treiber's push: link x above the current head, then swing head to x with a CAS. */
function push(s: Stack, x: number): void {
  for (;;) {
    const top = s.head.load();
    s.next.set(x, top);
    if (s.head.compareExchange(top, x) === top) return;
  }
}

export function slowPopper(s: Stack): void {
  const x = pop(s, 0.3);
  print(`popped ${name(x)}`);
}

export function recycler(s: Stack): void {
  sleep(0.1); // Run only: T1 has read head and next by now
  const first = pop(s);
  const second = pop(s); // T2 keeps this node, e.g. to reuse its memory ...
  push(s, first); // ... and recycles the other one
  print(`popped ${name(first)} and ${name(second)}, kept ${name(second)}, pushed ${name(first)} back`);
}

export default function main(): void {
  const s: Stack = { head: counter('head'), next: new SharedArray('int32', 4) };
  // Built before any thread starts: A -> B -> C.
  for (const x of [3, 2, 1]) push(s, x);
  const threads = [new Thread(slowPopper, [s], { name: 'T1' }), new Thread(recycler, [s], { name: 'T2' })];
  for (const t of threads) t.start();
  for (const t of threads) t.join();
  // Three nodes; T1 took one and T2 kept one, so exactly one is left on the stack.
  const onStack: number[] = [];
  for (let x = s.head.load(); x !== 0 && onStack.length < 4; x = s.next.get(x)) onStack.push(x);
  print(`stack at the end: [${onStack.map(name).join(', ')}]`);
  assert(onStack.length === 1, `the stack is [${onStack.map(name).join(', ')}], but T1 and T2 each took a node off it: a taken node is still on the stack`);
}
