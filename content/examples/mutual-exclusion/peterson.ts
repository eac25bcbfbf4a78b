/**
 * Peterson's algorithm (G. L. Peterson, "Myths about the mutual exclusion problem", Information
 * Processing Letters 12(3), 1981): mutual exclusion for two threads from nothing but reads and
 * writes of three shared words.
 *
 *   flag[me] = 1          "I want in"
 *   turn = other          "but you go first if you want to"
 *   while (flag[other] === 1 && turn === other) wait
 *   ... critical section ...
 *   flag[me] = 0
 *
 * The proof assumes sequential consistency: every read sees the latest write in one global order.
 * Run with Atomics (SharedArray.get/set), that holds, and two threads are never inside at once.
 * Run with plain typed-array accesses, it does not: on x86 (and ARM) the stores to flag[me] and
 * turn can wait in this core's store buffer while the read of flag[other] already runs. Both
 * threads then read the other's flag as 0 and both walk in. That reordering of a store with a later
 * load is exactly the store-buffering outcome of atomics/store-buffering.
 *
 * The same lock() is run on both: `cells` is either the SharedArray itself (each get and set one
 * Atomics operation) or a plain Int32Array over the same memory wrapped in the same two methods.
 */
import { SharedArray, SharedInt, Thread, counter, monotonic, print, progress, sleep, type ExampleMeta } from 'interleave';

export const meta: ExampleMeta = {
  title: "Peterson's algorithm: plain accesses vs Atomics",
  summary:
    "Two threads take turns entering a critical section through Peterson's lock, first with plain typed-array reads and writes, then with Atomics. Inside, each thread checks whether the other is inside too. With plain accesses the store buffer lets both in; with Atomics never.",
  params: {
    entries: { default: 100_000, min: 1_000, max: 1_000_000, step: 1_000, label: 'Entries per thread' },
  },
  expect: { kind: 'exact', counter: 'Atomics: both inside' },
};

/** Where Peterson's three words live in the shared array. */
const FLAG = 0; // flag[0] is element 0, flag[1] element 1
const TURN = 2;
// On a busy machine the other thread may be off its core for a whole time slice; each variant stops
// after this long, with the entries made so far.
const SECONDS_PER_VARIANT = 1;

/** The two operations lock() needs: a SharedArray has them, and so does plainCells(). */
interface Cells {
  get(i: number): number;
  set(i: number, v: number): void;
}

/** The same memory, read and written with ordinary (unordered) typed-array accesses. */
function plainCells(a: SharedArray): Cells {
  const v = a.plainView();
  return {
    get: (i) => v[i] as number,
    set: (i, x) => {
      v[i] = x;
    },
  };
}

export function lock(cells: Cells, me: number): void {
  const other = 1 - me;
  cells.set(FLAG + me, 1); // I want in
  cells.set(TURN, other); // you first, if you want in too
  // Wait while the other wants in and it is its turn. (After many spins, give the core away: on a
  // busy machine the other thread may be waiting for it.)
  for (let spins = 1; cells.get(FLAG + other) === 1 && cells.get(TURN) === other; spins++) {
    if (spins % 100_000 === 0) sleep(0.0001);
  }
}

export function unlock(cells: Cells, me: number): void {
  cells.set(FLAG + me, 0);
}

/** Counters of one variant. */
interface Tally {
  inside: SharedInt; // threads in the critical section right now
  both: SharedInt; // entries during which the other thread was inside too
  total: SharedInt; // incremented inside with a load and a store: exact only under mutual exclusion
  entries: SharedInt; // entries made (each thread adds its count at the end)
  stop: SharedInt;
}

function run(me: number, cells: Cells, t: Tally, n: number, offset: number): void {
  const deadline = monotonic() + SECONDS_PER_VARIANT;
  let seed = 0x9e3779b9 ^ (me + 1);
  let i = 0;
  for (; i < n; i++) {
    if (i % 256 === 0 && (t.stop.load() === 1 || monotonic() > deadline)) {
      t.stop.store(1);
      break;
    }
    lock(cells, me);
    // The critical section: announce yourself, count the entry (a load and a store, which only
    // mutual exclusion keeps exact), and look for company on the way in and on the way out.
    const company = t.inside.add(1) !== 0;
    t.total.value += 1;
    if (company || t.inside.load() !== 1) t.both.add(1);
    t.inside.sub(1);
    unlock(cells, me);
    // Outside: a random pause of 0-63 steps (xorshift), like other work a thread does between
    // entries, so that the threads sometimes arrive at a free lock at the same moment.
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    for (let d = seed & 63; d > 0; d--);
    if (i % 16_384 === 0) progress(offset + i, 2 * n);
  }
  t.entries.add(i);
}

export function side(me: number, mem: SharedArray, n: number, plain: Tally, atomic: Tally, start: SharedInt): void {
  // Start line: both threads leave together.
  start.add(1);
  while (start.load() < 2);
  run(me, plainCells(mem), plain, n, 0);
  // Between variants: wait until both are done with the plain one, then reset the three words.
  start.add(1);
  while (start.load() < 4);
  if (me === 0) for (let i = 0; i < 3; i++) mem.set(i, 0);
  start.add(1);
  while (start.load() < 6);
  run(me, mem, atomic, n, n);
  progress(2 * n, 2 * n);
}

function tally(both: SharedInt): Tally {
  return { inside: new SharedInt(0), both, total: new SharedInt(0), entries: new SharedInt(0), stop: new SharedInt(0) };
}

export default function main({ entries: n }: { entries: number }): void {
  const plain = tally(counter('plain: both inside'));
  const atomic = tally(counter('Atomics: both inside', { expected: 0 }));
  const mem = new SharedArray('int32', 3); // flag[0], flag[1], turn
  const start = new SharedInt(0);
  const threads = [0, 1].map((me) => new Thread(side, [me, mem, n, plain, atomic, start], { name: `T${me + 1}` }));
  for (const t of threads) t.start();
  for (const t of threads) t.join();
  for (const [label, t] of [['plain:  ', plain], ['Atomics:', atomic]] as const) {
    const lost = t.entries.value - t.total.value;
    print(`${label} both inside in ${t.both.value} of ${t.entries.value} entries; the counter inside lost ${lost}`);
  }
  if (plain.entries.value < 2 * n || atomic.entries.value < 2 * n) {
    print(`(a variant reached its limit of ${SECONDS_PER_VARIANT} s before ${2 * n} entries: the machine is busy)`);
  }
  if (plain.both.value === 0) {
    print('(no plain entry found company this time: the threads never raced for the lock at the same moment, or this processor did not reorder; run it again)');
  }
}
