/**
 * Waiting overlaps; computing does not (beyond the cores).
 *
 * Each task makes `steps` "requests". In the I/O-bound version a request is a `sleep` of `waitMs`,
 * standing in for a network round trip or a disk read: the thread is blocked, and uses no CPU while
 * it waits. In the CPU-bound version a request is a fixed amount of arithmetic that takes roughly as
 * long on one free core of a recent computer (the printed times say how long it took on yours).
 * Both versions run the tasks first one after another on main, then on one thread each.
 *
 * Waiting threads need no core, so `threads` waiting tasks finish in about the time of one, on any
 * machine. Computing threads need a core each: with more threads than cores, they take turns, and
 * the speedup stops at the number of cores.
 *
 * The threaded time runs from the first thread's start to the last thread's end: starting the
 * workers (10-70 ms each for a Web Worker, tens of microseconds for an OS thread in C) is left out.
 * The statement the page checks: the I/O-bound speedup is at least threads / 2 (it was above 2.5 with
 * 4 threads in every one of our runs on 2 busy cores; the ideal is 4). The CPU-bound line is printed for
 * comparison and not judged: it depends on your cores and on what else your machine is doing.
 */
import { SharedArray, Thread, counter, monotonic, print, progress, sleep, type ExampleMeta, type SharedInt } from 'interleave';

export const meta: ExampleMeta = {
  title: 'I/O-bound tasks overlap, CPU-bound tasks share the cores',
  summary:
    'Four tasks that mostly wait finish on four threads in about the time of one; four tasks that compute for the same time speed up only as far as there are free cores.',
  params: {
    threads: { default: 4, min: 1, max: 8, label: 'Tasks (one thread each)' },
    steps: { default: 2, min: 1, max: 10, label: 'Requests per task' },
    waitMs: { default: 80, min: 20, max: 200, step: 10, label: 'Milliseconds per request' },
  },
  expect: { kind: 'output', includes: ['the waits overlapped'] },
};

/** A request that waits: the thread sleeps, and another thread (or nobody) uses the core. */
function waitRequest(ms: number): void {
  sleep(ms / 1000);
}

/** Loop steps per millisecond of a computing request: about right for one core of a 2020s desktop. */
const STEPS_PER_MS = 500_000;

/**
 * A request that computes: a fixed amount of arithmetic (`work` xorshift steps, about `waitMs` on one
 * free core). A fixed amount of work, not a fixed time: a thread that shares its core takes longer.
 */
function computeRequest(work: number): number {
  // Marsaglia's seed 2463534242, written as the int32 it turns into at the first shift: a seed
  // above 2^31 - 1 starts x as a double, and Firefox then runs the whole loop about 3x slower.
  let x = 2_463_534_242 | 0;
  for (let i = 0; i < work; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
  }
  return x;
}

/** One task: `steps` requests of one kind (0: wait `ms`; 1: compute `work` steps), each counted when done. */
function task(kind: number, steps: number, ms: number, work: number, done: SharedInt): void {
  for (let s = 0; s < steps; s++) {
    if (kind === 0) waitRequest(ms);
    else if (computeRequest(work) === 42) print('(an unlikely value)'); // uses the result: the loop must run
    done.add(1);
    progress(s + 1, steps);
  }
}

/** A thread running one task; it records when it started and ended. */
export function taskThread(kind: number, steps: number, ms: number, work: number, done: SharedInt, times: SharedArray, me: number): void {
  times.set(2 * me, monotonic());
  task(kind, steps, ms, work, done);
  times.set(2 * me + 1, monotonic());
}

function timeBoth(kind: number, threads: number, steps: number, ms: number, work: number, done: SharedInt): { seqS: number; parS: number } {
  const t0 = monotonic();
  for (let i = 0; i < threads; i++) task(kind, steps, ms, work, done); // one after another, on main
  const seqS = monotonic() - t0;
  const name = kind === 0 ? 'io' : 'cpu';
  const times = new SharedArray('float64', 2 * threads);
  const ts = Array.from({ length: threads }, (_, i) => new Thread(taskThread, [kind, steps, ms, work, done, times, i], { name: `${name} ${i + 1}` }));
  for (const t of ts) t.start();
  for (const t of ts) t.join(); // released together when main first blocks, here
  const t = times.toArray();
  const first = Math.min(...t.filter((_, i) => i % 2 === 0));
  const last = Math.max(...t.filter((_, i) => i % 2 === 1));
  return { seqS, parS: last - first };
}

export default function main({ threads, steps, waitMs }: { threads: number; steps: number; waitMs: number }): void {
  const cpus = (typeof navigator === 'undefined' ? 0 : navigator.hardwareConcurrency) || 0;
  // Every request of both versions, sequential and threaded, is counted once.
  const done = counter('requests done', { expected: 4 * threads * steps });
  print(`${threads} tasks x ${steps} requests x ${waitMs} ms; ${cpus || 'unknown'} logical CPUs`);
  const work = waitMs * STEPS_PER_MS;
  print('kind         one after another   one thread each   speedup');
  let io = 0;
  for (const kind of [0, 1]) {
    const { seqS, parS } = timeBoth(kind, threads, steps, waitMs, work, done);
    const speedup = seqS / parS;
    if (kind === 0) io = speedup;
    print(`${kind === 0 ? 'I/O-bound' : 'CPU-bound'}    ${(seqS * 1000).toFixed(0).padStart(14)} ms   ${(parS * 1000).toFixed(0).padStart(12)} ms   ${speedup.toFixed(2).padStart(6)}x`);
  }
  if (io >= threads / 2) print(`the waits overlapped: I/O-bound speedup ${io.toFixed(2)}x >= ${threads} / 2`);
  else print(`the waits did not overlap enough: I/O-bound speedup ${io.toFixed(2)}x < ${threads} / 2`);
}
