/**
 * Amdahl's law, measured: a job with a serial part and a parallel part, run on 1, 2, 4, 8 threads.
 *
 * The job is a fixed amount of arithmetic (`work` million xorshift steps). A fraction of it, `serial`
 * percent, can only be done by one thread: main does it first, alone. The rest is split evenly over T
 * threads. Amdahl (1967) predicts the speedup over one thread as 1 / ((1 - p) + p / T), where p is the
 * parallel fraction. That assumes a core for every thread; with C cores, no more than C threads
 * compute at once, so the last column uses min(T, C) instead of T.
 *
 * Times are taken inside the threads (first start to last end) plus main's serial part, so starting
 * the workers is not counted. The numbers are your machine's; the page checks only that the table is
 * printed. On 2 cores the measured speedup flattens at 2 or below, however many threads you add.
 */
import { SharedArray, Thread, monotonic, print, progress, type ExampleMeta } from 'interleave';

export const meta: ExampleMeta = {
  title: "Amdahl's law on your machine",
  summary:
    'A job with a serial part and a parallel part, run on more and more threads: the measured speedup next to what Amdahl’s law predicts, with and without your number of cores.',
  params: {
    serial: { default: 10, min: 0, max: 90, step: 5, label: 'Serial part (%)' },
    work: { default: 160, min: 20, max: 800, step: 20, label: 'Whole job (million loop steps)' },
    maxThreads: { default: 8, min: 2, max: 16, label: 'Most threads' },
  },
  expect: { kind: 'output', includes: ['threads', 'measured speedup', 'Amdahl'] },
};

/** `steps` xorshift steps, reporting progress every million. Returns the value so the loop is not dead code. */
function spin(steps: number): number {
  // Marsaglia's seed 2463534242, written as the int32 it turns into at the first shift: a seed
  // above 2^31 - 1 starts x as a double, and Firefox then runs the whole loop about 3x slower.
  let x = 2_463_534_242 | 0;
  for (let done = 0; done < steps; ) {
    const chunk = Math.min(1_000_000, steps - done);
    for (let i = 0; i < chunk; i++) {
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
    }
    done += chunk;
    progress(done, steps);
  }
  return x >>> 0;
}

/** One thread's share of the parallel part; it records when it started and ended. */
export function part(times: SharedArray, me: number, steps: number, sink: SharedArray): void {
  times.set(2 * me, monotonic());
  sink.set(me, spin(steps));
  times.set(2 * me + 1, monotonic());
}

/** Seconds for the whole job with `threads` threads for its parallel part. */
function runJob(threads: number, serialSteps: number, parallelSteps: number): number {
  const t0 = monotonic();
  const s = spin(serialSteps); // the serial part: nobody can help with it
  const serialS = monotonic() - t0;

  const times = new SharedArray('float64', 2 * threads);
  const sink = new SharedArray('float64', threads + 1);
  sink.set(threads, s);
  const share = Math.ceil(parallelSteps / threads);
  const ts = Array.from({ length: threads }, (_, i) => new Thread(part, [times, i, share, sink], { name: `${threads}x T${i + 1}` }));
  for (const t of ts) t.start();
  for (const t of ts) t.join(); // released together when main first blocks, here
  const t = times.toArray();
  const starts = t.filter((_, i) => i % 2 === 0);
  const ends = t.filter((_, i) => i % 2 === 1);
  return serialS + (Math.max(...ends) - Math.min(...starts));
}

export default function main({ serial, work, maxThreads }: { serial: number; work: number; maxThreads: number }): void {
  const cpus = (typeof navigator === 'undefined' ? 0 : navigator.hardwareConcurrency) || 1;
  const p = 1 - serial / 100;
  const total = work * 1_000_000;
  const serialSteps = Math.round(total * (1 - p));
  const parallelSteps = total - serialSteps;
  print(`job: ${work} million steps, ${serial}% serial (p = ${p.toFixed(2)}), ${cpus} logical CPUs`);
  print(`Amdahl's limit with unlimited threads: 1 / (1 - p) = ${p < 1 ? (1 / (1 - p)).toFixed(2) : 'none'}`);
  print('threads   time ms   measured speedup   Amdahl: 1/((1-p)+p/T)   Amdahl with T capped at CPUs');

  const counts: number[] = [];
  for (let t = 1; t < maxThreads; t *= 2) counts.push(t);
  counts.push(maxThreads);
  let base = 0;
  for (const threads of counts) {
    const s = runJob(threads, serialSteps, parallelSteps);
    if (threads === 1) base = s;
    const amdahl = 1 / (1 - p + p / threads);
    const capped = 1 / (1 - p + p / Math.min(threads, cpus));
    print(
      `${String(threads).padStart(7)}   ${(s * 1000).toFixed(0).padStart(7)}   ${(base / s).toFixed(2).padStart(16)}   ` +
        `${amdahl.toFixed(2).padStart(21)}   ${capped.toFixed(2).padStart(28)}`,
    );
  }
}
