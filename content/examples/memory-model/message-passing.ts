/**
 * Message passing, the litmus test behind every "publish data, then raise a flag" handoff.
 *
 *   writer: data = k; flag = k          (for k = 1, 2, 3, ...)
 *   reader: f = flag; d = data          (over and over)
 *
 * The writer always writes data before flag, so at every moment data >= flag. If the reader reads
 * flag first and data second, it can never see d < f under sequential consistency: whatever k it
 * read from flag, data already held k or more. A read with d < f means the reader saw the flag
 * before the data it announces: the message arrived before the letter.
 *
 * With Atomics that cannot happen: ECMAScript's atomics are sequentially consistent, and a reader's
 * atomic load of flag that sees the writer's atomic store synchronizes with it, so everything the
 * writer did before (the store to data) happens before everything the reader does after.
 * With plain typed-array accesses the language promises nothing. What the hardware does differs:
 * x86 keeps stores in order with stores and loads in order with loads (x86-TSO), so plain accesses
 * show d < f only if the compiler reorders them; ARM and POWER may reorder both pairs, and there
 * the plain count can be above 0. This example prints what this machine did, 0 included.
 */
import { SharedArray, SharedInt, Thread, counter, print, progress, type ExampleMeta } from 'interleave';

export const meta: ExampleMeta = {
  title: 'Message passing: can the flag arrive before the data?',
  summary:
    'A writer stores data, then a flag, with increasing numbers; a reader loads the flag, then the data, and counts the reads where the data is older than the flag. Plain typed-array accesses first, then Atomics. Atomics never show it; plain accesses may, depending on the processor and the compiler.',
  params: {
    messages: { default: 300_000, min: 10_000, max: 5_000_000, step: 10_000, label: 'Messages' },
  },
  expect: { kind: 'exact', counter: 'Atomics: flag before data' },
};

// data and flag are elements 0 and 16: 64 bytes apart, on different cache lines, so that a
// processor that may reorder them has the chance to.
const DATA = 0;
const FLAG = 16;

/** A SharedArray's get and set, or the same two on a plain view of the same memory. */
interface Cells {
  get(i: number): number;
  set(i: number, v: number): void;
}

function plainCells(a: SharedArray): Cells {
  const v = a.plainView();
  return {
    get: (i) => v[i] as number,
    set: (i, x) => {
      v[i] = x;
    },
  };
}

export function writer(cells: Cells, n: number): void {
  let seed = 0x9e3779b9;
  for (let k = 1; k <= n; k++) {
    cells.set(DATA, k); // the message...
    cells.set(FLAG, k); // ...then the flag that says it is there
    // A random pause of 0-127 steps (xorshift) between messages, so that the reader, reading as
    // fast as it can, catches many of them as they change.
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    for (let d = seed & 127; d > 0; d--);
  }
}

/** Reads flag then data until it sees the last flag; returns [reads, new flag values seen, d < f]. */
export function reader(cells: Cells, n: number): [number, number, number] {
  let reads = 0;
  let fresh = 0;
  let stale = 0;
  let last = 0;
  for (let f = 0; f < n; reads++) {
    f = cells.get(FLAG);
    const d = cells.get(DATA);
    if (d < f) stale++; // the flag said k, the data was older than k
    if (f !== last) fresh++;
    last = f;
  }
  return [reads, fresh, stale];
}

/** One variant's start line and results. */
interface Variant {
  start: SharedInt;
  reads: SharedInt;
  fresh: SharedInt;
  stale: SharedInt;
}

function play(role: 'writer' | 'reader', cells: Cells, t: Variant, n: number): void {
  // Start line: both threads spin until both are here, so they run at the same time.
  t.start.add(1);
  while (t.start.load() < 2);
  if (role === 'writer') {
    writer(cells, n);
    return;
  }
  const [reads, fresh, stale] = reader(cells, n);
  t.reads.store(reads);
  t.fresh.store(fresh);
  t.stale.store(stale);
}

export function side(role: 'writer' | 'reader', mem: SharedArray, n: number, plain: Variant, atomic: Variant, reset: SharedInt): void {
  play(role, plainCells(mem), plain, n);
  progress(1, 2);
  // Between variants: wait for both, the writer zeroes data and flag, then both start again.
  reset.add(1);
  while (reset.load() < 2);
  if (role === 'writer') {
    mem.set(DATA, 0);
    mem.set(FLAG, 0);
  }
  reset.add(1);
  while (reset.load() < 4);
  play(role, mem, atomic, n);
  progress(2, 2);
}

function variant(stale: SharedInt): Variant {
  return { start: new SharedInt(0), reads: new SharedInt(0), fresh: new SharedInt(0), stale };
}

export default function main({ messages: n }: { messages: number }): void {
  const plain = variant(counter('plain: flag before data'));
  const atomic = variant(counter('Atomics: flag before data', { expected: 0 }));
  const mem = new SharedArray('int32', 32);
  const reset = new SharedInt(0);
  const threads = (['writer', 'reader'] as const).map((role) => new Thread(side, [role, mem, n, plain, atomic, reset], { name: role }));
  for (const t of threads) t.start();
  for (const t of threads) t.join();
  for (const [label, t] of [['plain:  ', plain], ['Atomics:', atomic]] as const) {
    print(`${label} flag before data in ${t.stale.value} of ${t.reads.value} reads (${t.fresh.value} saw a new flag)`);
  }
}
