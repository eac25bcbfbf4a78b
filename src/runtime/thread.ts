/**
 * Thread: like Python's threading.Thread. Each thread is its own worker (a Web Worker in the
 * browser, a worker_threads Worker in Node), spawned by the host on request, sharing the run's heap.
 *
 * State encoding (the thread's slot in the heap, see layout.ts):
 *   T_STATE  STARTING -> READY -> RUNNING <-> BLOCKED/SLEEPING -> DONE | FAILED
 *   T_GATE   0 until the starter opens the start gate, then 1
 *   T_DONE   0 while the thread may run, then 1 (join() waits on this word)
 *
 * Start barrier: start() only reserves a slot and asks the host for a worker. The new worker loads
 * the example, stores READY, notifies, and waits on its gate. The starter opens the gates of all the
 * threads it started the first time it blocks (join, lock, sleep, ...) or returns, after waiting
 * until every one of them is READY. So threads started together begin together.
 *
 * Main-thread rules: join() blocks (Atomics.wait); it runs in the MainThread worker, never on the page.
 */
import { ctx, deadlineFor, futexWait, heap, markBlocked, markState, post, releasePending, remainingMs } from './context.ts';
import { encodeValue } from './encode.ts';
import { RuntimeError } from './errors.ts';
import type { Target } from './protocol.ts';
import { H_NEXT_TID, MAX_THREADS, ThreadKind, ThreadState, T_DONE, T_KIND, T_STATE, WaitKind, threadWord } from './layout.ts';

/** Finds the name under which the example module exports `fn` (the worker re-imports it by name). */
export function exportNameOf(fn: unknown): string {
  const mod = ctx.module;
  if (typeof fn !== 'function') throw new TypeError('the target of a thread or process must be a function');
  if (mod !== null) {
    for (const [name, value] of Object.entries(mod)) if (value === fn && name !== 'default') return name;
  }
  throw new TypeError(
    `the target ${fn.name || '(anonymous)'} must be a function exported by the example module: ` +
      'every thread runs in its own worker, which imports the module again and calls the export by name',
  );
}

/** Set only while Thread.builtin constructs a pool worker (its target is no example export). */
let builtinTarget: Target | null = null;

export interface ThreadOptions {
  /** Shown in output, telemetry and tracebacks. Default: "Thread-<n> (<target name>)". */
  name?: string;
}

/** A thread of the run, like Python's threading.Thread(target, args, name=...). */
export class Thread<A extends unknown[] = unknown[]> {
  readonly name: string;
  readonly #target: (...args: A) => unknown;
  readonly #args: A;
  readonly #exportName: string;
  readonly #spawnTarget: Target;
  #tid = 0;

  constructor(target: (...args: A) => unknown, args: A = [] as unknown[] as A, options: ThreadOptions = {}) {
    this.#target = target;
    this.#args = args;
    this.#spawnTarget = builtinTarget ?? { kind: 'export', name: exportNameOf(target) };
    this.#exportName = this.#spawnTarget.kind === 'export' ? this.#spawnTarget.name : this.#spawnTarget.kind;
    this.name = options.name ?? '';
  }

  /** Internal (ThreadPool): a thread that runs a runtime loop instead of an example export. */
  static builtin(target: Target, name: string): Thread {
    builtinTarget = target;
    try {
      return new Thread(() => {}, [], { name });
    } finally {
      builtinTarget = null;
    }
  }

  /** The thread's id (its slot in the heap), 0 before start(). */
  get ident(): number {
    return this.#tid;
  }

  /** Asks the host for a worker; the thread begins at the start barrier (see the file comment). */
  start(): void {
    if (this.#tid !== 0) throw new RuntimeError('threads can only be started once');
    const h = heap();
    const args = this.#args.map((a, i) => encodeValue(a, false, `args[${i}]`));
    const tid = Atomics.add(h, H_NEXT_TID, 1);
    if (tid >= MAX_THREADS) throw new RuntimeError(`can't start new thread: at most ${MAX_THREADS - 2} threads per run`);
    this.#tid = tid;
    const name = this.name || `Thread-${tid - 1} (${this.#exportName})`;
    (this as { name: string }).name = name;
    Atomics.store(h, threadWord(tid, T_KIND), this.#spawnTarget.kind === 'export' ? ThreadKind.THREAD : ThreadKind.POOL);
    Atomics.store(h, threadWord(tid, T_STATE), ThreadState.STARTING);
    ctx.pending.push(tid);
    void this.#target;
    post({ type: 'spawn', role: 'thread', tid, key: '', name, target: this.#spawnTarget, args });
  }

  /** Blocks until the thread ends, or until `timeout` seconds pass (then check isAlive()); <= 0: no wait. */
  join(timeout?: number): void {
    const tid = this.#tid;
    if (tid === 0) throw new RuntimeError('cannot join thread before it is started');
    if (tid === ctx.tid) throw new RuntimeError('cannot join current thread');
    releasePending();
    const h = heap();
    const w = threadWord(tid, T_DONE);
    const deadline = deadlineFor(timeout);
    markBlocked(WaitKind.JOIN, tid, deadline !== Infinity);
    try {
      // The ending thread stores 1 and then notifies; waiting on the value 0 cannot miss it.
      while (Atomics.load(h, w) === 0) {
        const left = remainingMs(deadline);
        if (left <= 0) return;
        futexWait(h, w, 0, left);
      }
    } finally {
      markState(ThreadState.RUNNING);
    }
  }

  isAlive(): boolean {
    return this.#tid !== 0 && Atomics.load(heap(), threadWord(this.#tid, T_DONE)) === 0;
  }
}

/** The calling thread's name and id (Python's threading.current_thread()). */
export function currentThread(): { readonly name: string; readonly ident: number } {
  return { name: ctx.name, ident: ctx.tid };
}
