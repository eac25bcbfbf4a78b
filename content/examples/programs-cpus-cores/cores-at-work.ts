/**
 * How many things can this machine compute at once? Ask it, then measure it.
 *
 * Every thread gets the same fixed job: a loop of pure arithmetic (a xorshift random-number step,
 * `work` million times) that touches no shared memory and never waits. The job runs in rounds of
 * 1, 2, 4, 8 ... threads. While there are no more threads than logical CPUs, each thread has a CPU to
 * itself and the round takes about as long as one thread alone. With more threads than CPUs the
 * scheduler has to share: every thread gets slices of a CPU, and the round's wall time grows with
 * threads / CPUs, although no thread does more work.
 *
 * The CPU count is what navigator.hardwareConcurrency reports. A browser may report fewer CPUs than the
 * machine has (to resist fingerprinting, or to cap workers); then the wall time stays flat beyond the
 * reported count, and the table, not the report, shows how many threads really run at once.
 *
 * The times are taken inside the threads (each stores when it started and ended), so starting the
 * workers, 10-70 ms each, is not counted. They are your machine's times, including whatever else it
 * is doing: the page checks only that the table is printed.
 */
import { SharedArray, Thread, monotonic, print, progress, type ExampleMeta } from 'interleave';

export const meta: ExampleMeta = {
  title: 'Cores at work: the same job on 1, 2, 4, 8 threads',
  summary:
    'Each thread runs the same fixed loop of arithmetic, in rounds with more and more threads. Up to the number of logical CPUs the wall time stays flat; beyond it, the wall time grows with threads / CPUs.',
  params: {
    work: { default: 40, min: 5, max: 400, step: 5, label: 'Work per thread (million loop steps)' },
    maxThreads: { default: 8, min: 2, max: 32, label: 'Most threads in a round' },
  },
  expect: { kind: 'output', includes: ['reported CPUs', 'threads', 'wall ms', 'per thread ms'] },
};

/** The fixed job: `millions` million xorshift steps. Returns the last value so the loop is not dead code. */
function spin(millions: number): number {
  // Marsaglia's seed 2463534242, written as the int32 it turns into at the first shift: a seed
  // above 2^31 - 1 starts x as a double, and Firefox then runs the whole loop about 3x slower.
  let x = 2_463_534_242 | 0;
  for (let m = 0; m < millions; m++) {
    for (let i = 0; i < 1_000_000; i++) {
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
    }
    progress(m + 1, millions);
  }
  return x >>> 0;
}

/** One thread: do the job, and record when it started and ended (seconds on the run's clock). */
export function worker(times: SharedArray, me: number, millions: number, sink: SharedArray): void {
  times.set(2 * me, monotonic());
  const x = spin(millions);
  times.set(2 * me + 1, monotonic());
  sink.set(me, x); // keeps the result observable, so no engine may skip the loop
}

function round(threads: number, millions: number): { wallMs: number; perThreadMs: number } {
  const times = new SharedArray('float64', 2 * threads);
  const sink = new SharedArray('float64', threads);
  const ts = Array.from({ length: threads }, (_, i) => new Thread(worker, [times, i, millions, sink], { name: `${threads}x T${i + 1}` }));
  for (const t of ts) t.start();
  for (const t of ts) t.join(); // all of them are released together when main first blocks, here
  const t = times.toArray();
  const starts = t.filter((_, i) => i % 2 === 0);
  const ends = t.filter((_, i) => i % 2 === 1);
  const wallMs = (Math.max(...ends) - Math.min(...starts)) * 1000;
  const perThreadMs = (1000 * ends.reduce((s, e, i) => s + e - (starts[i] ?? e), 0)) / threads;
  return { wallMs, perThreadMs };
}

export default function main({ work, maxThreads }: { work: number; maxThreads: number }): void {
  // navigator.hardwareConcurrency exists in browser workers and in Node (21+) alike.
  const cpus = typeof navigator === 'undefined' ? 0 : navigator.hardwareConcurrency;
  print(`reported CPUs (navigator.hardwareConcurrency): ${cpus || 'unknown'}`);
  const counts: number[] = [];
  for (let t = 1; t < maxThreads; t *= 2) counts.push(t);
  counts.push(maxThreads);
  print(`each thread: ${work} million loop steps`);
  print('threads   wall ms   per thread ms   wall / 1 thread   max(1, threads / reported CPUs)');
  let base = 0;
  for (const threads of counts) {
    const { wallMs, perThreadMs } = round(threads, work);
    if (threads === 1) base = wallMs;
    const ideal = cpus > 0 ? `${Math.max(1, threads / cpus).toFixed(2)}` : '?';
    print(
      `${String(threads).padStart(7)}   ${wallMs.toFixed(0).padStart(7)}   ${perThreadMs.toFixed(0).padStart(13)}   ` +
        `${(wallMs / base).toFixed(2).padStart(15)}   ${ideal.padStart(31)}`,
    );
  }
}
