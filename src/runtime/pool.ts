/**
 * ThreadPool: a fixed set of threads taking tasks from a shared Queue (Python's
 * concurrent.futures.ThreadPoolExecutor / multiprocessing.pool.ThreadPool). Results come back through
 * a second Queue tagged with the task's index, so map() returns them in the order of its input.
 *
 * Tasks name an exported function of the example (threads re-import the module, as for Thread).
 * Main-thread rules: map() and Future.result() block; workers only.
 */
import { registerBuiltinTarget } from './boot.ts';
import { ctx } from './context.ts';
import { decodeValue, encodeValue, DESCRIBE } from './encode.ts';
import type { Encoded } from './protocol.ts';
import { Queue } from './queue.ts';
import { Thread, exportNameOf } from './thread.ts';

interface Task {
  i: number;
  fn: string;
  args: Encoded[];
}

interface Outcome {
  i: number;
  ok: boolean;
  value: unknown;
}

// The loop every ThreadPool thread runs.
registerBuiltinTarget('thread-pool', (target) => {
  if (target.kind !== 'thread-pool') return;
  const tasks = decodeValue(target.tasks) as Queue<Task | null>;
  const results = decodeValue(target.results) as Queue<Outcome>;
  for (let task = tasks.get(); task !== null; task = tasks.get()) {
    const fn = ctx.module?.[task.fn];
    try {
      if (typeof fn !== 'function') throw new TypeError(`the example has no exported function ${task.fn}`);
      // Queue.get() already rebuilt the arguments' handles; decoding them again would turn a
      // SharedInt into a detached plain object and lose the task's writes.
      results.put({ i: task.i, ok: true, value: (fn as (...a: unknown[]) => unknown)(...(task.args as unknown[])) });
    } catch (e) {
      // The task's exception is re-raised by result() in the submitting thread, as in Python.
      results.put({ i: task.i, ok: false, value: e instanceof Error ? `${e.name}: ${e.message}` : String(e) });
    }
  }
});

/** The pending result of a submitted task (Python's concurrent.futures.Future). */
export class Future<R> {
  readonly #pool: ThreadPool;
  readonly #i: number;

  constructor(pool: ThreadPool, i: number) {
    this.#pool = pool;
    this.#i = i;
  }

  /** Blocks until the task has run; returns its value or throws its exception. */
  result(): R {
    return this.#pool.resultOf(this.#i) as R;
  }
}

let pools = 0;

export class ThreadPool {
  readonly #tasks: Queue<Task | null>;
  readonly #results: Queue<Outcome>;
  readonly #threads: Thread[] = [];
  readonly #done = new Map<number, Outcome>();
  #next = 0;

  /** Starts `workers` threads. Default: 2. Items and results travel as JSON (at most itemBytes each). */
  constructor(workers = 2, options: { itemBytes?: number } = {}) {
    const pool = pools++;
    this.#tasks = new Queue<Task | null>(0, { name: `ThreadPool-${pool}.tasks`, ...options });
    this.#results = new Queue<Outcome>(0, { name: `ThreadPool-${pool}.results`, ...options });
    for (let i = 0; i < workers; i++) {
      const t = Thread.builtin({ kind: 'thread-pool', tasks: this.#tasks[DESCRIBE](), results: this.#results[DESCRIBE]() }, `ThreadPoolExecutor-${pool}_${i}`);
      t.start();
      this.#threads.push(t);
    }
  }

  /** Queues `fn(...args)`; the Future's result() blocks until it has run. */
  submit<A extends unknown[], R>(fn: (...args: A) => R, ...args: A): Future<R> {
    const i = this.#next++;
    this.#tasks.put({ i, fn: exportNameOf(fn), args: args.map((a, k) => encodeValue(a, false, `args[${k}]`)) });
    return new Future<R>(this, i);
  }

  /** `fn` applied to every item on the pool's threads; results in the order of `items`. */
  map<T, R>(fn: (item: T) => R, items: readonly T[]): R[] {
    return items.map((item) => this.submit(fn as (...a: [T]) => R, item)).map((f) => f.result());
  }

  /** Internal: collects outcomes until task `i`'s has arrived. */
  resultOf(i: number): unknown {
    let o = this.#done.get(i);
    while (o === undefined) {
      const next = this.#results.get();
      this.#done.set(next.i, next);
      o = this.#done.get(i);
    }
    this.#done.delete(i);
    if (!o.ok) throw new Error(String(o.value));
    return o.value;
  }

  /** Lets the threads finish the queued tasks, then joins them. */
  close(): void {
    for (let i = 0; i < this.#threads.length; i++) this.#tasks.put(null);
    for (const t of this.#threads) t.join();
  }
}
