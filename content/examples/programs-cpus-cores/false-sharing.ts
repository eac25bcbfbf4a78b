/**
 * False sharing, timed: two threads, two counters, no shared variable, and still they slow each
 * other down when the counters sit in the same 64-byte cache line.
 *
 * Each thread adds 1 to its own slot of a SharedArray with Atomics.add, `n` times. The threads never
 * touch each other's slot, so nothing is shared logically and the totals are always exact. What is
 * shared is the cache line: with the slots 4 bytes apart (same line), every add needs the line in
 * this core's cache in the Modified state, so the line keeps moving between the two cores' caches.
 * With the slots 128 bytes apart (two lines, and not a pair the adjacent-line prefetcher of some
 * Intel cores fetches together), each core keeps its own line and no line moves.
 *
 * The two layouts alternate for several rounds on the same two threads (a barrier starts each
 * round), and the page prints the median time of each and their ratio. The ratio is the reader's
 * machine's: on a desktop with separate physical cores it is commonly several times; on a shared
 * virtual machine it can be small, because the hypervisor may place both virtual CPUs on one
 * physical core's two hardware threads (one L1 cache, nothing to move) and other guests add noise.
 * The page therefore checks only that both layouts were timed and the totals are exact, not a ratio.
 */
import { Barrier, SharedArray, Thread, counter, monotonic, print, progress, type ExampleMeta } from 'interleave';

export const meta: ExampleMeta = {
  title: 'False sharing: two counters in one cache line',
  summary:
    'Two threads each increment their own counter. With the counters 4 bytes apart they share a cache line, which moves between the cores on every write; 128 bytes apart, each core keeps its own line. Both layouts are timed on your machine, and the ratio printed.',
  params: {
    n: { default: 2_000_000, min: 200_000, max: 20_000_000, step: 200_000, label: 'Increments per thread per round' },
    rounds: { default: 5, min: 1, max: 15, label: 'Rounds of each layout' },
  },
  // About 0.2 s on an idle machine; a machine busy with other work can take ten times as long.
  timeLimitMs: 30_000,
  expect: { kind: 'output', includes: ['same cache line (4 bytes apart)', 'padded apart (128 bytes)', 'ratio same / padded', 'every total exact: yes'] },
};

/** Slots per line and the padding, in int32 elements: 16 x 4 bytes = 64 bytes, the line size on x86-64 and most Arm cores. */
const INTS_PER_LINE = 16;
const PAD = 2 * INTS_PER_LINE; // 128 bytes: Apple M-series lines are 128 bytes, and Intel prefetches lines in pairs

/**
 * One thread: for each round, wait at the barrier, read which slot to use (main writes it before the
 * barrier), add 1 to it n times, record how long that took, and wait at the barrier again.
 */
export function worker(me: number, slots: SharedArray, slotOf: SharedArray, times: SharedArray, start: Barrier, end: Barrier, rounds: number, n: number): void {
  for (let r = 0; r < 2 * rounds; r++) {
    start.wait();
    const slot = slotOf.get(me);
    const t0 = monotonic();
    for (let i = 0; i < n; i++) {
      slots.add(slot, 1); // Atomics.add: a locked read-modify-write, so the core must own the line
      if ((i & 0xffff) === 0) progress(r * n + i, 2 * rounds * n);
    }
    times.set(2 * r + me, monotonic() - t0);
    end.wait();
  }
  progress(2 * rounds * n, 2 * rounds * n);
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
}

export default function main({ n, rounds }: { n: number; rounds: number }): void {
  // Room for a line-aligned start plus the padded slot. Offsets are relative to the shared buffer,
  // whose own start is at least 8-byte aligned, so two adjacent int32s at a 64-aligned offset can never
  // straddle a line boundary, and two slots 128 bytes apart never share one.
  const slots = new SharedArray('int32', 4 * INTS_PER_LINE + PAD);
  const base = INTS_PER_LINE + ((64 - (slots.byteOffset % 64)) % 64) / 4; // skip one line: nothing else of ours lives next to it
  const slotOf = new SharedArray('int32', 2);
  const times = new SharedArray('float64', 4 * rounds);
  const start = new Barrier(3);
  const end = new Barrier(3);
  const done = counter('rounds timed', { expected: 2 * rounds });
  const t = [0, 1].map((me) => new Thread(worker, [me, slots, slotOf, times, start, end, rounds, n], { name: `T${me + 1}` }));
  for (const th of t) th.start();

  print(`2 threads x ${n.toLocaleString('en-US')} Atomics.add each, ${rounds} rounds of each layout, alternating`);
  const same: number[] = [];
  const padded: number[] = [];
  let exact = true;
  for (let r = 0; r < 2 * rounds; r++) {
    const apart = r % 2 === 0 ? 1 : PAD; // same line first, then padded, and so on
    slotOf.set(0, base);
    slotOf.set(1, base + apart);
    slots.set(base, 0);
    slots.set(base + apart, 0);
    start.wait(); // the barrier publishes the slot choice and starts both threads together
    end.wait();
    exact &&= slots.get(base) === n && slots.get(base + apart) === n;
    const ms = 1000 * Math.max(times.get(2 * r), times.get(2 * r + 1));
    (apart === 1 ? same : padded).push(ms);
    done.add(1);
  }
  for (const th of t) th.join();

  const s = median(same);
  const p = median(padded);
  print(`same cache line (4 bytes apart): median ${s.toFixed(0)} ms   (rounds: ${same.map((x) => x.toFixed(0)).join(', ')})`);
  print(`padded apart (128 bytes):        median ${p.toFixed(0)} ms   (rounds: ${padded.map((x) => x.toFixed(0)).join(', ')})`);
  print(`ratio same / padded: ${(s / p).toFixed(2)}`);
  print(`every total exact: ${exact ? 'yes' : 'no'}`);
}
