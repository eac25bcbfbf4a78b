/**
 * An approximate ("sloppy") counter against one locked counter, measured on 1, 2, ... threads.
 *
 * One locked counter: every increment takes the one lock, so every increment moves the lock word
 * and the count between cores, and the threads take turns.
 *
 * The approximate counter (OSTEP ch. 29; the "sloppy counter" of Boyd-Wickizer et al., OSDI 2010):
 * each thread counts in a slot of its own, and only when its slot would reach the threshold S does
 * it take the global lock and fold S into the global count. Between folds a thread touches only
 * its own cache line (the slots are 64 bytes apart, so no two share a line). The price: the global
 * count trails the true count by whatever sits in the slots, at most threads x (S - 1), because a
 * slot never holds S (the increment that would make it S is folded instead). When a thread is
 * done it folds what is left, so the global count ends exact.
 *
 * Run: rounds of 1, 2, ... threads (up to the CPUs the browser reports, at most `maxThreads`),
 * each thread counting `n`. The same worker threads are reused for every round (a Barrier starts
 * each one), so no round pays for starting workers; each round is timed from its first thread's
 * start to its last thread's end; each is run in PASSES passes and the best pass counts. A last,
 * untimed round at the most threads, ten times as long, is sampled: main reads the slots every
 * 0.1 ms or so while the threads count, and their sum is how far the global count trails then. Figures are your machine's;
 * the page checks that both counters end exact, and the last lines say what this run shows, or
 * why it cannot show it.
 *
 * Step mode (`threads` set): one approximate round only, no timing, no sampling: the folds.
 */
import { Barrier, Lock, SharedArray, Thread, counter, monotonic, print, sleep, type ExampleMeta, type SharedInt } from 'interleave';

export const meta: ExampleMeta = {
  title: 'An approximate counter against one lock',
  summary:
    'Threads count with one locked counter, then with per-thread counts folded into a global count every S increments, in rounds of 1, 2, ... threads up to the CPUs your browser reports. The table shows the throughput of each, and how far the global count trailed.',
  params: {
    n: { default: 100_000, min: 10_000, max: 1_000_000, step: 10_000, label: 'Increments per thread' },
    threshold: { default: 1024, min: 1, max: 65_536, label: 'Threshold S (fold every S increments)' },
    maxThreads: { default: 8, min: 1, max: 16, label: 'Most threads (no more than the reported CPUs)' },
  },
  expect: { kind: 'exact', counter: 'approximate' },
  // Step mode: 2 threads, 2 increments each, S = 2: each thread folds once, under the lock.
  step: { params: { threads: 2, n: 2, threshold: 2 }, ranges: { threads: { min: 1, max: 2 }, n: { min: 1, max: 3 }, threshold: { min: 1, max: 3 } } },
};

/** Words between two threads' slots: 16 int32 = 64 bytes, one cache line each. */
const PAD = 16;
const PASSES = 5;
/** The sampled round counts this many times `n` per thread, so that main gets many samples. */
const SAMPLED = 10;
/** Speed-up of the approximate counter that counts as scaling: with a core per thread it is near the thread count. */
const SCALED = 1.3;

/** The approximate counter's shared parts: the global count, its lock, one slot per thread. */
interface Approximate {
  global: SharedInt;
  lock: Lock;
  slots: SharedArray;
  threshold: number;
}

/** One thread's share: `n` increments of the approximate counter, in slot `me`. */
function countApproximate(c: Approximate, me: number, n: number): void {
  const slot = me * PAD;
  let local = 0; // this thread's own copy of its slot: only this thread ever writes the slot
  for (let i = 0; i < n; i++) {
    local += 1;
    if (local >= c.threshold) {
      // Fold: the only moment this thread touches shared, contended memory.
      c.lock.acquire();
      c.global.value += local; // a load and a store: safe only because we hold the lock
      c.lock.release();
      local = 0;
    }
    c.slots.set(slot, local); // what a reader sees of this thread's unfolded count
  }
  // Done: fold the rest, so the global count ends exact.
  if (local > 0) {
    c.lock.acquire();
    c.global.value += local;
    c.lock.release();
    c.slots.set(slot, 0);
  }
}

/** One thread's share with the precise counter: every increment under the one lock. */
function countLocked(total: SharedInt, lock: Lock, n: number): void {
  for (let i = 0; i < n; i++) {
    lock.acquire();
    total.value += 1;
    lock.release();
  }
}

/** Step mode: one thread of the approximate counter, nothing else. */
export function stepCounter(c: Approximate, me: number, n: number): void {
  countApproximate(c, me, n);
}

/**
 * Run: one of the reused threads. Round r is described in `plan`: its thread count, its kind
 * (0 = locked, 1 = approximate) and how many each thread counts. Thread `me` takes part if
 * me < threads, and stores when it started and ended in `times`.
 */
export function worker(me: number, plan: SharedArray, go: Barrier, done: Barrier, times: SharedArray, c: Approximate, total: SharedInt, lock: Lock): void {
  for (let r = 0; r < plan.length / 3; r++) {
    go.wait();
    if (me < plan.get(3 * r)) {
      times.set(2 * me, monotonic());
      if (plan.get(3 * r + 1) === 1) countApproximate(c, me, plan.get(3 * r + 2));
      else countLocked(total, lock, plan.get(3 * r + 2));
      times.set(2 * me + 1, monotonic());
    }
    done.wait();
  }
}

/** Thread counts of the rounds: every count up to 4, then doubling, and the most. */
function threadCounts(most: number): number[] {
  const out: number[] = [];
  for (let t = 1; t <= most; t = t < 4 ? t + 1 : t * 2) out.push(t);
  if (out.at(-1) !== most) out.push(most);
  return out;
}

/** A bar of the text chart: `width` blocks for the largest value. */
function bar(value: number, max: number, width = 24): string {
  return '█'.repeat(Math.max(1, Math.round((value / max) * width)));
}

const fmt = (x: number): string => x.toLocaleString('en-US');


export default function main({ n, threshold, maxThreads, threads = 0 }: { n: number; threshold: number; maxThreads: number; threads?: number }): void {
  if (threads > 0) {
    // Step mode: `threads` threads count `n` each; the global count must end at threads x n.
    const global = counter('global', { expected: threads * n });
    const c: Approximate = { global, lock: new Lock({ name: 'global lock' }), slots: new SharedArray('int32', threads * PAD), threshold };
    const ts = Array.from({ length: threads }, (_, i) => new Thread(stepCounter, [c, i, n], { name: `T${i + 1}` }));
    for (const t of ts) t.start();
    for (const t of ts) t.join();
    print(`global count ${global.value} of ${threads * n}`);
    return;
  }

  const reported = (typeof navigator === 'undefined' ? 0 : navigator.hardwareConcurrency) || 1;
  const most = Math.max(1, Math.min(reported, maxThreads));
  const counts = threadCounts(most);
  // The timed rounds: every thread count, locked then approximate, repeated in passes (at most
  // PASSES, fewer if they take long); the best pass of each counts, the one least disturbed by
  // whatever else the machine was doing. Then one untimed round at the most threads, sampled.
  const perPass = counts.reduce((a, b) => a + b, 0) * n;
  const approx = counter('approximate', { expected: PASSES * perPass + most * SAMPLED * n });
  const locked = counter('one lock', { expected: PASSES * perPass });
  const lagSeen = counter('largest lag seen');
  const c: Approximate = { global: approx, lock: new Lock({ name: 'global lock' }), slots: new SharedArray('int32', most * PAD), threshold };
  const lock = new Lock({ name: 'the one lock' });

  const order = counts.flatMap((t) => [t, 0, n, t, 1, n]);
  const plan = new SharedArray('int32', [...Array.from({ length: PASSES }, () => order).flat(), most, 1, SAMPLED * n]);
  const go = new Barrier(most + 1, { name: 'round start' });
  const done = new Barrier(most + 1, { name: 'round end' });
  const times = new SharedArray('float64', 2 * most);
  const ws = Array.from({ length: most }, (_, i) => new Thread(worker, [i, plan, go, done, times, c, locked, lock], { name: `T${i + 1}` }));
  for (const t of ws) t.start();

  /** One round: release the threads, wait for them, return million increments per second. */
  const round = (t: number, sample?: (lag: number) => void): number => {
    for (let i = 0; i < 2 * most; i++) times.set(i, 0);
    const target = approx.value + t * SAMPLED * n;
    go.wait();
    // Sampling (the untimed last round only): the slots' sum is how far the global count trails
    // now. Each slot is read on its own, so a sample is not one instant, but each slot is below S.
    // Main sleeps between samples, so that the counting threads keep the cores.
    while (sample && approx.value < target) {
      let s = 0;
      for (let i = 0; i < t; i++) s += c.slots.get(i * PAD);
      sample(s);
      sleep(0.0001);
    }
    done.wait();
    const tt = times.toArray();
    const starts = tt.filter((_, i) => i % 2 === 0 && i / 2 < t);
    const ends = tt.filter((_, i) => i % 2 === 1 && (i - 1) / 2 < t);
    return (t * n) / Math.max(Math.max(...ends) - Math.min(...starts), 1e-6) / 1e6;
  };

  print(`${reported} reported CPU${reported === 1 ? '' : 's'}: rounds of ${counts.join(', ')} thread${most === 1 ? '' : 's'}, each thread counting ${fmt(n)}, S = ${fmt(threshold)}; best of ${PASSES} passes`);
  const best = new Map<string, number>();
  for (let p = 0; p < PASSES; p++) {
    for (const t of counts) {
      for (const kind of ['one lock', 'approximate']) {
        const r = round(t);
        best.set(`${kind} ${t}`, Math.max(best.get(`${kind} ${t}`) ?? 0, r));
      }
    }
  }
  let lag = 0;
  let lagSum = 0;
  let samples = 0;
  round(most, (s) => {
    lag = Math.max(lag, s);
    lagSum += s;
    samples++;
  });
  lagSeen.value = lag;
  for (const w of ws) w.join();

  const rate = (kind: string, t: number): number => best.get(`${kind} ${t}`) ?? 0;
  const top = Math.max(...best.values());
  print('threads  million increments per second');
  for (const t of counts) {
    print(`${String(t).padStart(7)}  one lock     ${bar(rate('one lock', t), top).padEnd(24)} ${rate('one lock', t).toFixed(1).padStart(6)}`);
    print(`${''.padStart(7)}  approximate  ${bar(rate('approximate', t), top).padEnd(24)} ${rate('approximate', t).toFixed(1).padStart(6)}`);
  }
  print(
    `while ${most} thread${most === 1 ? '' : 's'} counted, the global count trailed by ${fmt(Math.round(lagSum / Math.max(samples, 1)))} on average and ${fmt(lag)} at most ` +
      `(${samples} samples; the bound is ${most} x (S - 1) = ${fmt(most * (threshold - 1))})`,
  );
  print(`both counters ended exact: approximate ${fmt(approx.value)} of ${fmt(PASSES * perPass + most * SAMPLED * n)}, one lock ${fmt(locked.value)} of ${fmt(PASSES * perPass)}`);

  // What this run shows. Only ratios measured in this run are compared.
  const last = counts.at(-1) ?? 1;
  const gap1 = rate('approximate', 1) / rate('one lock', 1);
  if (last === 1) {
    print(`With ${reported === 1 ? 'one reported CPU' : 'one thread'} there is nothing to scale; at 1 thread the approximate counter was ${gap1.toFixed(1)}x as fast as the locked one (less locking).`);
    return;
  }
  const approxScale = rate('approximate', last) / rate('approximate', 1);
  const lockedScale = rate('one lock', last) / rate('one lock', 1);
  const gapN = rate('approximate', last) / rate('one lock', last);
  if (approxScale >= SCALED) {
    print(`${last} threads counted ${approxScale.toFixed(1)}x as fast as 1 with the approximate counter, ${lockedScale.toFixed(2)}x as fast with one lock:`);
    print(`the approximate counter's lead grew from ${gap1.toFixed(1)}x at 1 thread to ${gapN.toFixed(1)}x at ${last}. The locked counter does not scale; the approximate one does.`);
  } else {
    print(`With ${last} threads the approximate counter counted only ${approxScale.toFixed(2)}x as fast as with 1 (a core each would give nearly ${last}x), although its threads share almost nothing:`);
    print(`they did not get a core each (a busy machine, or fewer cores than reported), so this run cannot show scaling. Its lead over one lock: ${gap1.toFixed(1)}x at 1 thread, ${gapN.toFixed(1)}x at ${last}.`);
  }
}
