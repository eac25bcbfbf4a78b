/**
 * Lamport's bakery algorithm (L. Lamport, "A new solution of Dijkstra's concurrent programming
 * problem", Communications of the ACM 17(8), 1974): mutual exclusion for any number of threads,
 * from reads and writes alone, served in the order of a ticket each thread draws, as at a bakery
 * counter.
 *
 *   choosing[me] = 1
 *   number[me] = 1 + max(number[0], ..., number[N-1])      draw a ticket
 *   choosing[me] = 0
 *   for each other thread j:
 *     while (choosing[j] === 1) wait                      let j finish drawing
 *     while (number[j] !== 0 && (number[j], j) < (number[me], me)) wait   j goes first
 *   ... critical section ...
 *   number[me] = 0
 *
 * Two threads can draw the same number (both read the same maximum); the tie goes to the lower
 * thread index. `choosing` makes a thread that reads number[j] wait until j's ticket is final.
 * Every read and write here is one Atomics operation (SharedArray's get and set), so the
 * sequentially consistent order the proof assumes holds. Lamport showed more: the algorithm stays
 * correct even if a read that overlaps a write returns any value, which is why it is still taught.
 */
import { SharedArray, SharedInt, Thread, counter, print, progress, sleep, type ExampleMeta } from 'interleave';

export const meta: ExampleMeta = {
  title: "Lamport's bakery: a ticket lock from reads and writes",
  summary:
    'Several threads take turns in a critical section by drawing tickets, with nothing but atomic reads and writes of two shared arrays: no compare-and-swap, no read-modify-write. The counter incremented inside with a separate load and store ends exact, and no entry ever finds another thread inside.',
  params: {
    threads: { default: 2, min: 2, max: 4, label: 'Threads' },
    entries: { default: 1_000, min: 100, max: 200_000, step: 100, label: 'Entries per thread' },
  },
  // Strict turns: every entry waits for the other thread's, which on a busy machine may be off its core.
  timeLimitMs: 20_000,
  expect: { kind: 'exact', counter: 'total' },
};

/** Waits one spin; after many, gives the core away (the thread being waited for may need it). */
function pause(spins: number): void {
  if (spins % 2_000 === 0) sleep(0.0001);
}

export function lock(choosing: SharedArray, number: SharedArray, me: number): void {
  const n = number.length;
  choosing.set(me, 1);
  let max = 0;
  for (let j = 0; j < n; j++) max = Math.max(max, number.get(j));
  number.set(me, max + 1); // my ticket
  choosing.set(me, 0);
  const mine = max + 1;
  for (let j = 0; j < n; j++) {
    if (j === me) continue;
    for (let s = 1; choosing.get(j) === 1; s++) pause(s); // j is still drawing: wait for its ticket
    for (let s = 1; ; s++) {
      const theirs = number.get(j);
      // j goes first if it holds a ticket lower than mine, or the same one and a lower index.
      if (theirs === 0 || theirs > mine || (theirs === mine && j > me)) break;
      pause(s);
    }
  }
}

export function unlock(number: SharedArray, me: number): void {
  number.set(me, 0);
}

export function customer(me: number, choosing: SharedArray, number: SharedArray, inside: SharedInt, both: SharedInt, total: SharedInt, n: number): void {
  for (let i = 0; i < n; i++) {
    lock(choosing, number, me);
    const company = inside.add(1) !== 0;
    total.value += 1; // a load and a store: exact only under mutual exclusion
    if (company || inside.load() !== 1) both.add(1);
    inside.sub(1);
    unlock(number, me);
    if (i % 1_024 === 0) progress(i, n);
  }
  progress(n, n);
}

export default function main({ threads, entries: n }: { threads: number; entries: number }): void {
  const choosing = new SharedArray('int32', threads);
  const number = new SharedArray('int32', threads); // 0: not waiting; otherwise the ticket
  const inside = new SharedInt(0);
  const both = counter('both inside', { expected: 0 });
  const total = counter('total', { expected: threads * n });
  const workers = Array.from({ length: threads }, (_, me) => new Thread(customer, [me, choosing, number, inside, both, total, n], { name: `T${me + 1}` }));
  for (const t of workers) t.start();
  for (const t of workers) t.join();
  print(`${threads} threads, ${n} entries each: expected ${threads * n}, got ${total.value}; entries that found another thread inside: ${both.value}`);
}
