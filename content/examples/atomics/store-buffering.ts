/**
 * Store buffering, the classic litmus test of memory ordering. x and y start at 0; in each round
 *
 *   T1: x = 1; r1 = y          T2: y = 1; r2 = x
 *
 * and the question is whether both can read 0. In any interleaving of the four steps at least one
 * thread reads 1, so sequential consistency forbids it. With ORDINARY typed-array accesses it
 * happens: an x86 or ARM core puts the store into its store buffer and runs the load before the
 * store reaches memory, so each thread can read 0 before the other's 1 arrives. With Atomics.store
 * and Atomics.load it cannot: the ECMAScript memory model puts all atomic operations in one total
 * order that respects each thread's program order (on x86, V8 makes Atomics.store wait until the
 * store buffer has drained before the thread goes on).
 *
 * Each variant's count is printed; the example's check is that the Atomics count is 0. The plain
 * count is allowed to be anything, 0 included: the memory model permits the outcome, it does not
 * force it, and how often it shows depends on the processor and on how closely the threads line up.
 *
 * The runtime's SharedArray reads and writes with Atomics only; `plainView()` is its one, explicit
 * way to make plain accesses, for this example.
 */
import { SharedArray, SharedInt, Thread, counter, monotonic, print, progress, sleep, type ExampleMeta } from 'interleave';

export const meta: ExampleMeta = {
  title: 'Store buffering: can both threads read 0?',
  summary:
    'Each round, T1 writes x and reads y while T2 writes y and reads x, first with plain typed-array accesses, then with Atomics.store and Atomics.load. With plain accesses both threads can read 0, and on a multi-core x86 or ARM machine they do in some rounds; with sequentially consistent atomics they never do.',
  params: {
    rounds: { default: 200_000, min: 10_000, max: 1_000_000, step: 10_000, label: 'Rounds per variant' },
  },
  expect: { kind: 'exact', counter: 'Atomics: both read 0' },
};

// x and y are elements 0 and 16 of one SharedArray: 64 bytes apart, so on different cache lines.
const X = 0;
const Y = 16;
// A round waits whenever either thread is off its core, so on a busy machine rounds are slow; each
// variant stops after this long, with the rounds played so far.
const SECONDS_PER_VARIANT = 1;

/** What both threads share: the memory under test (x and y) and each round's two reads. */
interface Setup {
  mem: SharedArray;
  reads: SharedArray;
}

/** One variant's start and finish lines, T1's stop flag, and its results. */
interface Variant {
  arrived: SharedInt;
  finished: SharedInt;
  stop: SharedInt;
  bothZero: SharedInt;
  played: SharedInt;
}

function plainRound(v: Int32Array, mine: number, theirs: number): number {
  v[mine] = 1; // an ordinary store: it may wait in this core's store buffer...
  return v[theirs] as number; // ...while this ordinary load already reads memory
}

function atomicRound(v: Int32Array, mine: number, theirs: number): number {
  Atomics.store(v, mine, 1); // sequentially consistent: visible to every thread before the load runs
  return Atomics.load(v, theirs);
}

/**
 * Spins until `line` reaches `target`: spinning, not sleeping, so that both threads leave at once
 * (a sleeping thread takes tens of microseconds to wake). Only if the other thread seems to be off
 * its core (a busy machine) does a short sleep give the core away.
 */
function waitFor(line: SharedInt, target: number): void {
  for (let spins = 1; line.load() < target; spins++) {
    if (spins % 200_000 === 0) sleep(0.0001);
  }
}

/** Plays up to n rounds of one variant. */
function play(me: 0 | 1, s: Setup, kind: 'plain' | 'atomic', t: Variant, n: number): void {
  const v = s.mem.plainView();
  const mine = me === 0 ? X : Y;
  const theirs = me === 0 ? Y : X;
  const deadline = monotonic() + SECONDS_PER_VARIANT;
  let seed = 0x9e3779b9 ^ (me + 1);
  let i = 0;
  for (; i < n; i++) {
    const round = i + 1;
    if (me === 0 && i % 16 === 0 && monotonic() > deadline) t.stop.store(1);
    // Start line: each thread arrives, then spins until the other has too, so they leave together.
    // T1 sets `stop` before it arrives, so T2 sees it in the same round.
    t.arrived.add(1);
    waitFor(t.arrived, 2 * round);
    if (t.stop.load() === 1) break;
    // A random pause of 0-127 steps (xorshift): the two threads leave the start line a little
    // apart, and a varying pause lines their accesses up in some rounds.
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    for (let d = seed & 127; d > 0; d--);
    s.reads.set(me, kind === 'plain' ? plainRound(v, mine, theirs) : atomicRound(v, mine, theirs));
    // Finish line: both threads have read.
    t.finished.add(1);
    waitFor(t.finished, 2 * round);
    // T1 alone counts the outcome and resets x and y. T2 cannot start the next round before T1
    // reaches the start line again, which is after the reset.
    if (me === 0) {
      if (s.reads.get(0) === 0 && s.reads.get(1) === 0) t.bothZero.add(1);
      Atomics.store(v, X, 0);
      Atomics.store(v, Y, 0);
    }
    if (i % 16_384 === 0) progress(kind === 'plain' ? i : n + i, 2 * n);
  }
  if (me === 0) t.played.store(i);
}

/** T1 (me = 0) writes x and reads y; T2 (me = 1) writes y and reads x. Plain rounds first, then atomic. */
export function side(me: 0 | 1, s: Setup, n: number, plain: Variant, atomic: Variant): void {
  play(me, s, 'plain', plain, n);
  play(me, s, 'atomic', atomic, n);
  progress(2 * n, 2 * n);
}

function variant(bothZero: SharedInt): Variant {
  return { arrived: new SharedInt(0), finished: new SharedInt(0), stop: new SharedInt(0), bothZero, played: new SharedInt(0) };
}

export default function main({ rounds: n }: { rounds: number }): void {
  const plain = variant(counter('plain: both read 0'));
  const atomic = variant(counter('Atomics: both read 0', { expected: 0 }));
  const s: Setup = { mem: new SharedArray('int32', 32), reads: new SharedArray('int32', 2) };
  const threads = ([0, 1] as const).map((me) => new Thread(side, [me, s, n, plain, atomic], { name: `T${me + 1}` }));
  for (const t of threads) t.start();
  for (const t of threads) t.join();
  print(`plain:   both read 0 in ${plain.bothZero.value} of ${plain.played.value} rounds`);
  print(`Atomics: both read 0 in ${atomic.bothZero.value} of ${atomic.played.value} rounds`);
  if (plain.played.value < n || atomic.played.value < n) {
    print(`(a variant reached its limit of ${SECONDS_PER_VARIANT} s before ${n} rounds: a round waits whenever either thread is off its core)`);
  }
  if (plain.bothZero.value === 0) {
    print('(no plain round read 0 on both sides this time: the threads never lined up closely enough, or this processor did not reorder; run it again, or with more rounds)');
  }
}
