/**
 * Module state is per thread here: every thread is a worker that imports the example module again,
 * so each has its own copy of every module-level variable. That is thread-local storage for free,
 * and the opposite of Python, C or Java, where a global is one variable shared by all threads.
 *
 * Each thread calls `handle()` a different number of times. `handle` counts calls in a module-level
 * variable and caches results in a module-level Map, with no lock: nothing else can touch them.
 * At the end each thread adds its own count to a shared total. Checks: each thread's module-level
 * count equals the number of calls IT made (raises otherwise), main's copy is still 0, and `total`
 * ends at the sum of all calls.
 */
import { Thread, counter, currentThread, print, type ExampleMeta, type SharedInt } from 'interleave';

export const meta: ExampleMeta = {
  title: 'Module state is thread-local',
  summary: 'Each thread counts its calls in a module-level variable with no lock; every thread sees only its own count, because each worker loads its own copy of the module.',
  params: {
    threads: { default: 3, min: 1, max: 8, label: 'Threads' },
  },
  expect: { kind: 'exact', counter: 'total' },
};

// Module-level state: one copy per thread (per worker), not one per program.
let calls = 0;
const cache = new Map<number, number>();

function handle(request: number): number {
  calls++; // no lock: no other thread can see this variable
  const key = request % 100;
  let v = cache.get(key);
  if (v === undefined) {
    v = key * key; // stands for something expensive to compute
    cache.set(key, v);
  }
  return v;
}

export function serve(myCalls: number, total: SharedInt): void {
  for (let i = 0; i < myCalls; i++) handle(i);
  if (calls !== myCalls) throw new Error(`${currentThread().name}: module-level calls = ${calls}, but this thread made ${myCalls}`);
  print(`calls = ${calls} (my own), cache holds ${cache.size} entries`);
  total.add(calls);
}

export default function main({ threads }: { threads: number }): void {
  const perThread = Array.from({ length: threads }, (_, i) => 1_000 * (i + 1));
  const sum = perThread.reduce((a, b) => a + b, 0);
  const total = counter('total', { expected: sum });
  const workers = perThread.map((n, i) => new Thread(serve, [n, total], { name: `T${i + 1}` }));
  for (const t of workers) t.start();
  for (const t of workers) t.join();
  if (calls !== 0) throw new Error(`main's module-level calls is ${calls}`);
  print(`main's own calls = ${calls}; the threads' counts add up to ${total.value}`);
}
