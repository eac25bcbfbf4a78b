/**
 * The ABA problem, forced to happen on every run, and the tagged-head fix.
 *
 * A stack of nodes A -> B -> C, with `head` one word as in the Treiber stack. T1 starts a pop: it
 * reads head = A and next[A] = B, and is then paused before its compareExchange (an Event stands in
 * for the scheduler preempting it at the worst moment, so the bad interleaving happens every time).
 * Meanwhile T2 pops A, pops B (and keeps B: it is now T2's), and pushes A back. The head is A again.
 * T1 resumes: compareExchange(head, A, B) finds A, as expected, and succeeds. But B is not on the
 * stack any more: the stack now starts at a node T2 owns, and the next pop would hand B out again.
 *
 * Run 2 repeats the timeline with a tagged head: the word holds (tag << 8) | node, and every
 * successful CAS increments the tag. T2's three operations move the tag on by 3, so T1's
 * compareExchange, which expects the tag it read, fails; T1 re-reads and pops correctly.
 */
import { Event, SharedArray, SharedInt, Thread, print, type ExampleMeta } from 'interleave';

export const meta: ExampleMeta = {
  title: 'ABA: a compare-and-swap fooled by a value that came back',
  summary: 'A scripted interleaving makes a stale compareExchange succeed on a lock-free stack and corrupt it; a version tag in the head word makes the same CAS fail, as it should.',
  expect: {
    kind: 'output',
    includes: ['plain head: the stack is now [B, C], but T2 holds B: corrupted', 'tagged head: the stack is now [C]: correct'],
  },
};

const NAMES = ['-', 'A', 'B', 'C'];
const A = 1;
const B = 2;
const C = 3;

interface Stack {
  head: SharedInt;
  next: SharedArray;
  tagged: number; // 1: head = (tag << 8) | node; 0: head = node
}

const nodeOf = (s: Stack, word: number): number => (s.tagged ? word & 0xff : word);
const tagOf = (s: Stack, word: number): number => (s.tagged ? word >>> 8 : 0);
/** The head word that points at `node`, one version after `old`. */
const nextWord = (s: Stack, old: number, node: number): number => (s.tagged ? ((tagOf(s, old) + 1) << 8) | node : node);

function pop(s: Stack): number {
  for (;;) {
    const h = s.head.load();
    if (nodeOf(s, h) === 0) return 0;
    const n = s.next.get(nodeOf(s, h));
    if (s.head.compareExchange(h, nextWord(s, h, n)) === h) return nodeOf(s, h);
  }
}

function push(s: Stack, x: number): void {
  for (;;) {
    const h = s.head.load();
    s.next.set(x, nodeOf(s, h));
    if (s.head.compareExchange(h, nextWord(s, h, x)) === h) return;
  }
}

function contents(s: Stack): string {
  const out: string[] = [];
  for (let x = nodeOf(s, s.head.load()); x !== 0 && out.length < 10; x = s.next.get(x)) out.push(NAMES[x] ?? '?');
  return `[${out.join(', ')}]`;
}

export function slowPopper(s: Stack, paused: Event, resume: Event): void {
  const h = s.head.load();
  const n = s.next.get(nodeOf(s, h));
  const tag = s.tagged ? ` (tag ${tagOf(s, h)})` : '';
  print(`reads head = ${NAMES[nodeOf(s, h)]}${tag}, next = ${NAMES[n]}; preempted before its CAS`);
  paused.set();
  resume.wait(); // the scheduler runs T2 now
  const found = s.head.compareExchange(h, nextWord(s, h, n));
  if (found === h) {
    print(`CAS(head: ${NAMES[nodeOf(s, h)]} -> ${NAMES[n]}) succeeded: the head was ${NAMES[nodeOf(s, h)]} again`);
    return;
  }
  print(`CAS failed: head is ${NAMES[nodeOf(s, found)]} with tag ${tagOf(s, found)}, not tag ${tagOf(s, h)}; retrying`);
  const x = pop(s); // the ordinary retry loop
  print(`popped ${NAMES[x]}`);
}

export function meddler(s: Stack, paused: Event, resume: Event, held: SharedInt): void {
  paused.wait();
  const first = pop(s);
  const second = pop(s);
  held.store(second); // T2 keeps B, e.g. to reuse its memory for something else
  push(s, first);
  print(`pops ${NAMES[first]}, pops ${NAMES[second]} (keeps it), pushes ${NAMES[first]} back: stack ${contents(s)}`);
  resume.set();
}

function scenario(tagged: number): string {
  const s: Stack = { head: new SharedInt(0), next: new SharedArray('int32', 4), tagged };
  push(s, C);
  push(s, B);
  push(s, A);
  const start = contents(s);
  const paused = new Event();
  const resume = new Event();
  const held = new SharedInt(0);
  const t1 = new Thread(slowPopper, [s, paused, resume], { name: 'T1' });
  const t2 = new Thread(meddler, [s, paused, resume, held], { name: 'T2' });
  t1.start();
  t2.start();
  t1.join();
  t2.join();
  const after = contents(s);
  const heldName = NAMES[held.load()] ?? '?';
  print(`start ${start}, end ${after}`);
  return after.includes(heldName) ? `the stack is now ${after}, but T2 holds ${heldName}: corrupted` : `the stack is now ${after}: correct`;
}

export default function main(): void {
  print('--- run 1: the head is just a node index');
  print(`plain head: ${scenario(0)}`);
  print('--- run 2: the head carries a version tag');
  print(`tagged head: ${scenario(1)}`);
}
