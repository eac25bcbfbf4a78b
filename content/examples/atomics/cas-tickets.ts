/**
 * A compare-and-swap loop: "take one ticket if any are left", as one atomic step.
 *
 * Atomics has add and sub, but no "subtract unless that goes below zero". Two separate steps (check
 * that tickets > 0, then sub) would let two threads both see the last ticket and sell it twice.
 * A CAS loop makes any single-word update atomic: read the count, decide, and write the new count
 * with compareExchange(old, new), which stores only if the word still holds `old`. If another thread
 * got there first, nothing is stored; read the new value and decide again.
 *
 * Threads sell from one pool until it is empty, all hammering the same word, so now and then a CAS
 * loses and retries (the `CAS retries` counter shows how often). Checks: the pool ends at exactly 0
 * (main raises otherwise), and `sold` ends at exactly the number of tickets.
 */
import { Thread, counter, print, progress, type ExampleMeta, type SharedInt } from 'interleave';

export const meta: ExampleMeta = {
  title: 'Selling the last ticket once: a compare-and-swap loop',
  summary: 'Threads take tickets from a shared pool with a compareExchange retry loop; none is sold twice and the pool never goes below zero.',
  params: {
    threads: { default: 2, min: 1, max: 8, label: 'Threads' },
    tickets: { default: 1_000_000, min: 10_000, max: 5_000_000, step: 10_000, label: 'Tickets' },
  },
  expect: { kind: 'exact', counter: 'sold' },
  // Step mode: two threads, two tickets. Each take is a load then a compareExchange, so a thread can
  // read a count that is stale by the time its CAS runs: the CAS then fails and it retries.
  step: { params: { threads: 2, tickets: 2 }, ranges: { threads: { min: 1, max: 3 }, tickets: { min: 1, max: 3 } } },
};

/**
 * Takes one ticket if any is left: true if it got one. Every CAS it loses counts in `tally.lost`,
 * also on the way to finding the pool empty.
 */
function takeTicket(pool: SharedInt, tally: { lost: number }): boolean {
  let left = pool.load();
  for (;;) {
    if (left <= 0) return false; // sold out: decided on a value we read, with nothing written
    const found = pool.compareExchange(left, left - 1); // stores left - 1 only if the pool still holds `left`
    if (found === left) return true; // our write went in
    left = found; // another thread changed it first: decide again on what it left
    tally.lost++;
  }
}

export function seller(pool: SharedInt, sold: SharedInt, retries: SharedInt, total: number): void {
  let mine = 0;
  const tally = { lost: 0 };
  while (takeTicket(pool, tally)) {
    mine++;
    if (mine % 65_536 === 0) progress(total - pool.load(), total);
  }
  progress(total, total);
  // Added once at the end: an atomic add per sale would be contention of its own.
  sold.add(mine);
  retries.add(tally.lost);
  print(`sold ${mine} tickets, lost the CAS race ${tally.lost} times`);
}

export default function main({ threads, tickets }: { threads: number; tickets: number }): void {
  const pool = counter('pool', { initial: tickets });
  const sold = counter('sold', { expected: tickets });
  const retries = counter('CAS retries');
  const sellers = Array.from({ length: threads }, (_, i) => new Thread(seller, [pool, sold, retries, tickets], { name: `T${i + 1}` }));
  for (const t of sellers) t.start();
  for (const t of sellers) t.join();
  if (pool.value !== 0) throw new Error(`the pool ended at ${pool.value}, not 0`);
  print(`${sold.value} of ${tickets} tickets sold, pool at ${pool.value}; ${retries.value} CAS retries in all`);
}
