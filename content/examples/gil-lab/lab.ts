/**
 * The GIL lab: the same Python-like program run in three modes of the GIL model (with the GIL,
 * free-threaded, one interpreter per process), on real workers. The page's GIL islands run it with
 * different parameters; it prints one JSON line with the measured times.
 *
 * A "task" is either CPU-bound (chunks of pure arithmetic, like a pure-Python loop) or I/O-bound
 * (blocking waits, like socket reads). The convoy workload pits one I/O-bound thread against
 * CPU-bound ones and measures how late each of its I/O calls gets the GIL back.
 */
import { SharedInt, Thread, interpreter, print, type ExampleMeta, type Interpreter } from 'interleave';

export const meta: ExampleMeta = {
  title: 'The GIL lab: one program, three interpreters',
  summary: 'Runs CPU-bound or I/O-bound tasks on N threads under the GIL model (with the GIL, free-threaded, or a process per task) and prints the wall time.',
  params: {
    mode: {
      kind: 'choice',
      label: 'Interpreter',
      choices: [
        { name: 'gil', label: 'Threads with the GIL' },
        { name: 'free-threaded', label: 'Free-threaded threads' },
        { name: 'processes', label: 'A process per task (a GIL each)' },
      ],
      default: 'gil',
    },
    threads: { default: 2, min: 1, max: 16, label: 'Threads (or processes)' },
    workload: {
      kind: 'choice',
      label: 'Workload',
      choices: [
        { name: 'cpu', label: 'CPU-bound' },
        { name: 'io', label: 'I/O-bound' },
        { name: 'convoy', label: 'Convoy (one I/O thread beside CPU-bound ones)' },
      ],
      default: 'cpu',
    },
    chunks: { default: 2000, min: 10, max: 100_000, step: 10, label: 'CPU chunks per task (~50 µs each)' },
    ioOps: { default: 5, min: 1, max: 1000, label: 'Blocking waits per I/O task' },
    ioMs: { default: 20, min: 1, max: 1000, label: 'Milliseconds per wait' },
    intervalUs: { default: 5000, min: 100, max: 100_000, step: 100, label: 'Switch interval (µs)' },
    sequential: { kind: 'boolean', label: 'Sequential baseline: one thread runs every task', default: false },
  },
  timeLimitMs: 60_000,
  expect: { kind: 'output', includes: ['"seconds"'] },
};

// In the order of meta.params.mode.choices: main receives the chosen one's index.
const MODES = ['gil', 'free-threaded', 'processes'] as const;
const WORKLOADS = ['cpu', 'io', 'convoy'] as const;

/** CPU-bound Python: `tasks` tasks of `chunks` chunks of bytecode each, checking the GIL every chunk. */
export function cpuBound(py: Interpreter, tasks: number, chunks: number): void {
  const t = py.attach(); // this worker is now a Python thread: it takes the GIL
  for (let i = 0; i < tasks; i++) t.compute(chunks);
  t.exit();
}

/** I/O-bound Python: blocking waits, with the GIL released during each (as time.sleep or recv do). */
export function ioBound(py: Interpreter, tasks: number, ops: number, ioMs: number): void {
  const t = py.attach();
  for (let i = 0; i < tasks * ops; i++) t.io(ioMs / 1000);
  t.exit();
}

/** The convoy: short I/O waits with a little work after each; records how late the GIL came back. */
export function ioLatency(py: Interpreter, ops: number, ioMs: number, stop: SharedInt): void {
  const t = py.attach();
  const late: number[] = [];
  for (let i = 0; i < ops; i++) {
    const before = performance.now();
    t.io(ioMs / 1000); // returns once the wait is over AND this thread holds the GIL again
    late.push(performance.now() - before - ioMs);
    t.compute(1); // handle the "reply": a little Python work
  }
  t.exit();
  stop.value = 1;
  late.sort((a, b) => a - b);
  const mean = late.reduce((s, x) => s + x, 0) / late.length;
  const p95 = late[Math.min(late.length - 1, Math.floor(late.length * 0.95))] ?? 0;
  print(JSON.stringify({ io: 'latency', ops, meanLateMs: round(mean), p95LateMs: round(p95), maxLateMs: round(late.at(-1) ?? 0) }));
}

/** A CPU-bound thread that runs until told to stop. */
export function spin(py: Interpreter, stop: SharedInt): void {
  const t = py.attach();
  while (stop.value === 0) t.compute(1);
  t.exit();
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

export default function main(p: Record<'mode' | 'threads' | 'workload' | 'chunks' | 'ioOps' | 'ioMs' | 'intervalUs' | 'sequential', number>): void {
  const mode = MODES[p.mode] ?? 'gil';
  const py = interpreter({ mode, switchInterval: p.intervalUs / 1e6, maxThreads: Math.max(2, p.threads) });
  const workers = p.sequential ? 1 : p.threads;
  const tasks = p.sequential ? p.threads : 1;
  // Threads with different argument lists: their join() is all main needs.
  let threads: { start(): void; join(): void }[];
  const kind = WORKLOADS[p.workload] ?? 'cpu';
  if (kind === 'convoy') {
    const stop = new SharedInt(0);
    threads = [new Thread(ioLatency, [py, p.ioOps, p.ioMs, stop], { name: 'IO' })];
    for (let i = 1; i < p.threads; i++) threads.push(new Thread(spin, [py, stop], { name: `CPU${i}` }));
  } else {
    threads = Array.from({ length: workers }, (_, i) =>
      kind === 'cpu' ? new Thread(cpuBound, [py, tasks, p.chunks], { name: `T${i + 1}` }) : new Thread(ioBound, [py, tasks, p.ioOps, p.ioMs], { name: `T${i + 1}` }),
    );
  }
  for (const t of threads) t.start();
  for (const t of threads) t.join();
  const s = py.stats();
  const label = p.sequential ? `${kind}-sequential` : `${kind}-${mode === 'gil' ? 'threads' : mode}`;
  print(JSON.stringify({ case: label, mode, workers, tasks: p.threads, seconds: round(s.wallSeconds), handoffs: s.handoffs, forced: s.forced }));
}
