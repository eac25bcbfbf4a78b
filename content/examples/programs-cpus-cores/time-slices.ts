/**
 * More threads than CPUs, and all of them move: the scheduler hands out time slices.
 *
 * The example starts three threads per logical CPU (by default), each running the same endless loop
 * of arithmetic that never waits. At any instant only as many of them can run as there are CPUs. Main
 * wakes up every `intervalMs` and reads how far each thread has got (each one publishes its own step
 * count in shared memory). In every interval more threads advance than there are CPUs: the operating
 * system's scheduler stops a running thread when its slice is used up, saves its registers, and
 * resumes another (a context switch), many times per interval. Over the whole run the totals come
 * out roughly equal: the Linux scheduler (EEVDF since kernel 6.6, CFS before) aims at a fair share.
 *
 * The statement the page checks: in every interval, more threads moved forward than the CPUs the
 * runtime reports (navigator.hardwareConcurrency). That is turn-taking only if the report is not low:
 * a browser may report fewer CPUs than the machine has (to resist fingerprinting, or to cap workers),
 * and the example cannot count the real ones, so it says "reported" and says why.
 * We do not claim that every thread moves in every interval: on a busy machine (2 cores shared with
 * other test runs) a thread now and then waited a whole 100 ms interval for its turn.
 */
import { SharedArray, SharedInt, Thread, print, sleep, type ExampleMeta } from 'interleave';

export const meta: ExampleMeta = {
  title: 'Time slices: more threads than CPUs, all making progress',
  summary:
    'Three busy threads per logical CPU: only as many can run at one instant as there are CPUs, yet in every 100 ms interval more threads advance than that, because the scheduler gives each a slice in turn.',
  params: {
    perCpu: { default: 3, min: 2, max: 4, label: 'Threads per logical CPU' },
    intervals: { default: 8, min: 3, max: 20, label: 'Intervals' },
    intervalMs: { default: 100, min: 50, max: 500, step: 10, label: 'Interval (ms)' },
  },
  expect: { kind: 'output', includes: ['in every interval more threads moved forward than there are reported CPUs'] },
};

/** Steps are published in units of 100,000 (about 0.2 ms of work). */
const UNIT = 100_000;

/** One busy thread: arithmetic until told to stop, publishing its progress in its own slot. */
export function busy(steps: SharedArray, me: number, stop: SharedInt): void {
  let x = 88_172_645 + me;
  let units = 0;
  while (stop.value === 0) {
    for (let i = 0; i < UNIT; i++) {
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
    }
    units++;
    steps.set(me, units); // only this thread writes this slot; main only reads it
  }
  steps.set(me, units + (x === 0 ? 1 : 0)); // uses x, so no engine may drop the loop
}

export default function main({ perCpu, intervals, intervalMs }: { perCpu: number; intervals: number; intervalMs: number }): void {
  const reported = typeof navigator === 'undefined' ? 0 : navigator.hardwareConcurrency;
  const cpus = reported || 2;
  const n = Math.min(32, perCpu * cpus);
  const source = reported ? 'reported by navigator.hardwareConcurrency' : 'assumed: navigator.hardwareConcurrency is missing';
  print(`${n} busy threads on ${cpus} logical CPUs (${source}): at most ${Math.min(n, cpus)} run at any instant, if that count is right`);
  const steps = new SharedArray('int32', n);
  const stop = new SharedInt(0);
  const threads = Array.from({ length: n }, (_, i) => new Thread(busy, [steps, i, stop], { name: `T${i + 1}` }));
  for (const t of threads) t.start();

  sleep(0.05); // main's first wait releases the threads; give them a moment to get going

  print(`million steps each thread made per ${intervalMs} ms interval:`);
  print(`interval  ${threads.map((t) => t.name.padStart(5)).join('')}   moved`);
  let before = steps.toArray();
  let fewestMoved = n;
  let allMoved = 0;
  for (let k = 1; k <= intervals; k++) {
    sleep(intervalMs / 1000); // main waits without using a CPU
    const now = steps.toArray();
    const delta = now.map((v, i) => v - (before[i] ?? 0));
    const moved = delta.filter((d) => d > 0).length;
    fewestMoved = Math.min(fewestMoved, moved);
    if (moved === n) allMoved++;
    print(`${String(k).padStart(8)}  ${delta.map((d) => ((d * UNIT) / 1e6).toFixed(1).padStart(5)).join('')}   ${String(moved).padStart(5)}`);
    before = now;
  }
  stop.value = 1;
  for (const t of threads) t.join();

  const totals = steps.toArray();
  const min = Math.min(...totals);
  const max = Math.max(...totals);
  print(`totals: fewest ${((min * UNIT) / 1e6).toFixed(1)} million steps, most ${((max * UNIT) / 1e6).toFixed(1)} million`);
  print(`all ${n} threads moved forward in ${allMoved} of ${intervals} intervals; at least ${fewestMoved} in each`);
  if (fewestMoved > cpus) {
    print('in every interval more threads moved forward than there are reported CPUs: they took turns');
    print('(unless navigator.hardwareConcurrency reports fewer CPUs than the machine has, as some browsers do to resist fingerprinting)');
  } else print(`in some interval only ${fewestMoved} threads moved forward: no more than there are reported CPUs`);
}
