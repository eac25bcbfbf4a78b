/**
 * The approximate counter with one mistake: it folds into the global count without the lock.
 *
 * A thread's own slot needs no lock (only that thread writes it), and folds are rare (one in S
 * increments), so leaving the lock out of the fold looks harmless. It is not: `global += local`
 * is a load and a store, and two threads folding at the same moment can both load the same global
 * value; the second store overwrites the first, and S increments vanish. Rare is not never.
 *
 * Run: two threads fold at S = `threshold`. To make the loss certain on every run, T1's first fold
 * stops between its load and its store (standing for a preemption at the worst moment) until T2
 * has folded at least once, and then for `pauseMs` more, so that T1's store overwrites T2's folds
 * of that time. Waiting for T2's fold, rather than pausing for a fixed time, keeps the loss certain
 * when T2's worker starts late. With the pause at 0 the loss depends on two folds overlapping by
 * chance. Step mode takes the pause out and Explore counts the schedules that lose a fold.
 */
import { SharedArray, Thread, counter, monotonic, print, progress, sleep, type ExampleMeta, type SharedInt } from 'interleave';

export const meta: ExampleMeta = {
  title: 'An approximate counter that folds without the lock',
  summary:
    'The same per-thread counts and folds, but the fold into the global count takes no lock. Two threads that fold at the same moment both read the same global value, and one fold of S increments is lost.',
  params: {
    n: { default: 200_000, min: 1_000, max: 2_000_000, step: 1_000, label: 'Increments per thread' },
    threshold: { default: 64, min: 1, max: 65_536, label: 'Threshold S' },
    pauseMs: { default: 50, min: 0, max: 500, step: 10, label: 'T1 pauses inside its first fold (ms)' },
  },
  expect: { kind: 'lost-updates', counter: 'global' },
  // Step mode: 2 threads, 2 increments each, S = 2: one fold each, and nothing orders them.
  step: { params: { n: 2, threshold: 2, pauseMs: 0 }, ranges: { n: { min: 1, max: 3 }, threshold: { min: 1, max: 3 } } },
};

/** 16 int32 = 64 bytes between two threads' slots: one cache line each. */
const PAD = 16;

export function countUnlocked(global: SharedInt, slots: SharedArray, me: number, n: number, threshold: number, pauseMs: number): void {
  const slot = me * PAD;
  let local = 0;
  let folds = 0;
  for (let i = 0; i < n; i++) {
    local += 1;
    if (local >= threshold) {
      // The mistake: no lock around the fold. A load ...
      const g = global.value;
      if (me === 0 && folds === 0 && pauseMs > 0) {
        // (Run only: the worst moment, made certain.) Hold the loaded value until T2 has folded
        // (at most a second: T2 may count less than S), then a while longer.
        const until = monotonic() + 1;
        while (global.value === g && monotonic() < until) sleep(0.0001);
        sleep(pauseMs / 1000);
      }
      // ... and a store: another thread's fold between the two is overwritten.
      global.value = g + local;
      folds++;
      local = 0;
    }
    slots.set(slot, local);
    if (i % 65_536 === 0) progress(i, n);
  }
  if (local > 0) {
    global.value += local; // the final fold, unlocked as well
    slots.set(slot, 0);
  }
  progress(n, n);
}

export default function main({ n, threshold, pauseMs }: { n: number; threshold: number; pauseMs: number }): void {
  const global = counter('global', { expected: 2 * n });
  const slots = new SharedArray('int32', 2 * PAD);
  const ts = [1, 2].map((k) => new Thread(countUnlocked, [global, slots, k - 1, n, threshold, pauseMs], { name: `T${k}` }));
  for (const t of ts) t.start();
  for (const t of ts) t.join();
  const lost = 2 * n - global.value;
  print(`global count ${global.value.toLocaleString('en-US')} of ${(2 * n).toLocaleString('en-US')}: ${lost.toLocaleString('en-US')} increments lost, ${threshold > 0 ? (lost / threshold).toFixed(0) : '?'} folds of S = ${threshold}`);
}
