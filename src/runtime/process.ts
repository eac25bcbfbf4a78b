/**
 * Process, ProcessQueue, Pipe and ProcessPool: Python's multiprocessing, by messages only.
 *
 * A Process shares no memory with its parent: in Node it is a real child process, in the browser a
 * Web Worker given no heap. Its arguments are copied; shared objects other than message channels are
 * refused with an error that says what to use. ProcessQueue and Pipe are brokered by the host: each
 * put/send/get/recv is a message to the host, which holds the items and replies.
 *
 * Their methods are async: a process (and a page without cross-origin isolation) can only await a
 * message, never block on one, because blocking needs shared memory. So `await q.get()` where Python
 * writes `q.get()`, and `await p.join()`.
 */
import { ctx, localId, markBlocked, markState, post, request } from './context.ts';
import { DESCRIBE, decodeValue, encodeValue, registerDecoder } from './encode.ts';
import { Empty, Full, RuntimeError } from './errors.ts';
import { ThreadState, WaitKind } from './layout.ts';
import type { Descriptor, Encoded, ReplyMessage, Target } from './protocol.ts';
import { exportNameOf } from './thread.ts';
import { registerBuiltinTarget } from './boot.ts';

let processCount = 0;
/** Set only while Process.builtin constructs a pool worker (its target is no example export). */
let builtinTarget: Target | null = null;

function timeoutMs(timeout: number | undefined): number {
  return timeout === undefined || timeout < 0 ? -1 : Math.round(timeout * 1000);
}

/** Awaits a host reply, showing the thread as waiting for a message meanwhile. */
async function awaitReply(promise: Promise<ReplyMessage>): Promise<ReplyMessage> {
  markBlocked(WaitKind.MESSAGE, -1);
  try {
    return await promise;
  } finally {
    markState(ThreadState.RUNNING);
  }
}

export interface ProcessOptions {
  /** Default: "Process-<n>". */
  name?: string;
}

/** A separate process running an exported function of the example (Python's multiprocessing.Process). */
export class Process<A extends unknown[] = unknown[]> {
  readonly name: string;
  readonly #args: A;
  readonly #target: Target;
  #key = '';
  #exitCode: number | null = null;

  constructor(target: (...args: A) => unknown, args: A = [] as unknown[] as A, options: ProcessOptions = {}) {
    this.#target = builtinTarget ?? { kind: 'export', name: exportNameOf(target) };
    this.#args = args;
    this.name = options.name ?? `Process-${++processCount}`;
  }

  /** Internal (ProcessPool): a process that runs a runtime loop instead of an example export. */
  static builtin(target: Target, name: string): Process {
    builtinTarget = target;
    try {
      return new Process(() => {}, [], { name });
    } finally {
      builtinTarget = null;
    }
  }

  /** Starts the process. Throws TypeError if an argument is a shared object (see the file comment). */
  start(): void {
    if (this.#key !== '') throw new RuntimeError('processes can only be started once');
    const args = this.#args.map((a, i) => encodeValue(a, true, `args[${i}]`));
    this.#key = localId('p');
    post({ type: 'spawn', role: 'process', tid: 0, key: this.#key, name: this.name, target: this.#target, args });
  }

  /** Waits for the process to end (or `timeout` seconds); resolves with its exit code (null if still running). */
  async join(timeout?: number): Promise<number | null> {
    if (this.#key === '') throw new RuntimeError('can only join a started process');
    const key = this.#key;
    const r = await awaitReply(request((reqId) => ({ type: 'ipc', reqId, op: 'join', id: key, timeoutMs: timeoutMs(timeout) })));
    if (r.ok) this.#exitCode = typeof r.value === 'number' ? r.value : null;
    return this.#exitCode;
  }

  /** 0 after a normal end, 1 after an uncaught exception, null before join() saw the end. */
  get exitCode(): number | null {
    return this.#exitCode;
  }
}

/** A queue between processes (Python's multiprocessing.Queue), kept by the host. */
export class ProcessQueue<T = unknown> {
  readonly id: string;

  /** `new ProcessQueue(maxsize)`: put waits while `maxsize` items wait (0: unbounded). */
  constructor(maxsize = 0, attachId?: string) {
    this.id = attachId ?? localId('q');
    if (attachId === undefined) {
      const id = this.id;
      // Sent before the queue can be passed anywhere, so the host knows it before any put.
      void request((reqId) => ({ type: 'ipc', reqId, op: 'create-queue', id, maxsize }));
    }
  }

  /** Adds an item (copied); waits while full. Rejects with Full on timeout. */
  async put(item: T, timeout?: number): Promise<void> {
    const encoded = encodeValue(item, true, 'queue item');
    const id = this.id;
    const r = await awaitReply(request((reqId) => ({ type: 'ipc', reqId, op: 'put', id, item: encoded, timeoutMs: timeoutMs(timeout) })));
    if (!r.ok) throw new Full(r.error || 'queue is full');
  }

  /** Removes and returns the oldest item; waits while empty. Rejects with Empty on timeout. */
  async get(timeout?: number): Promise<T> {
    const id = this.id;
    const r = await awaitReply(request((reqId) => ({ type: 'ipc', reqId, op: 'get', id, timeoutMs: timeoutMs(timeout) })));
    if (!r.ok) throw new Empty(r.error || 'queue is empty');
    return decodeValue(r.value) as T;
  }

  [DESCRIBE](): Descriptor {
    return { $interleave: 'ProcessQueue', id: this.id };
  }
}

/** One end of a Pipe (Python's multiprocessing.connection.Connection). */
export class Connection<T = unknown> {
  readonly id: string;
  readonly end: 0 | 1;

  constructor(id: string, end: 0 | 1) {
    this.id = id;
    this.end = end;
  }

  /** Sends an item (copied) to the other end. Does not wait for it to be received. */
  send(item: T): void {
    const encoded = encodeValue(item, true, 'sent item');
    const { id, end } = this;
    void request((reqId) => ({ type: 'ipc', reqId, op: 'send', id, end, item: encoded }));
  }

  /** Resolves with the next item the other end sent. Rejects with Empty on timeout. */
  async recv(timeout?: number): Promise<T> {
    const { id, end } = this;
    const r = await awaitReply(request((reqId) => ({ type: 'ipc', reqId, op: 'recv', id, end, timeoutMs: timeoutMs(timeout) })));
    if (!r.ok) throw new Empty(r.error || 'nothing received');
    return decodeValue(r.value) as T;
  }

  [DESCRIBE](): Descriptor {
    return { $interleave: 'Connection', id: this.id, end: this.end };
  }
}

/** A duplex pipe: two connected ends (Python's multiprocessing.Pipe()). */
export function Pipe<T = unknown>(): [Connection<T>, Connection<T>] {
  const id = localId('pipe');
  void request((reqId) => ({ type: 'ipc', reqId, op: 'create-pipe', id, duplex: true }));
  return [new Connection<T>(id, 0), new Connection<T>(id, 1)];
}

registerDecoder('ProcessQueue', (d) => {
  if (d.$interleave !== 'ProcessQueue') throw new TypeError('bad ProcessQueue descriptor');
  return new ProcessQueue(0, d.id);
});
registerDecoder('Connection', (d) => {
  if (d.$interleave !== 'Connection') throw new TypeError('bad Connection descriptor');
  return new Connection(d.id, d.end);
});

interface PoolTask {
  i: number;
  fn: string;
  args: Encoded[];
}

// The loop every ProcessPool worker process runs: take a task, call the export, send the result.
registerBuiltinTarget('process-pool', async (target) => {
  if (target.kind !== 'process-pool') return;
  const tasks = new ProcessQueue<PoolTask | null>(0, target.tasks);
  const results = new ProcessQueue<{ i: number; value: unknown }>(0, target.results);
  for (let task = await tasks.get(); task !== null; task = await tasks.get()) {
    const fn = ctx.module?.[task.fn];
    if (typeof fn !== 'function') throw new TypeError(`the example has no exported function ${task.fn}`);
    // ProcessQueue.get() already rebuilt the arguments (channel ends included): no second decode.
    const value: unknown = await (fn as (...a: unknown[]) => unknown)(...(task.args as unknown[]));
    await results.put({ i: task.i, value });
  }
});

/** A pool of worker processes (Python's multiprocessing.Pool / ProcessPoolExecutor). */
export class ProcessPool {
  readonly #tasks = new ProcessQueue<PoolTask | null>();
  readonly #results = new ProcessQueue<{ i: number; value: unknown }>();
  readonly #processes: Process[] = [];
  readonly #waiting = new Map<number, (v: unknown) => void>();
  #next = 0;
  #pumping = false;

  /** Starts `processes` worker processes. Default: 2. */
  constructor(processes = 2) {
    for (let i = 0; i < processes; i++) {
      const p = Process.builtin({ kind: 'process-pool', tasks: this.#tasks.id, results: this.#results.id }, `ForkPoolWorker-${i + 1}`);
      p.start();
      this.#processes.push(p);
    }
  }

  async #pump(): Promise<void> {
    if (this.#pumping) return;
    this.#pumping = true;
    try {
      while (this.#waiting.size > 0) {
        const r = await this.#results.get();
        this.#waiting.get(r.i)?.(r.value);
        this.#waiting.delete(r.i);
      }
    } finally {
      this.#pumping = false;
    }
  }

  /** Runs `fn(...args)` in a worker process; resolves with its result. */
  submit<A extends unknown[], R>(fn: (...args: A) => R, ...args: A): Promise<Awaited<R>> {
    const i = this.#next++;
    const result = new Promise<Awaited<R>>((resolve) => this.#waiting.set(i, resolve as (v: unknown) => void));
    void this.#tasks.put({ i, fn: exportNameOf(fn), args: args.map((a, k) => encodeValue(a, true, `args[${k}]`)) });
    void this.#pump();
    return result;
  }

  /** `fn` applied to every item in the worker processes; results in the order of `items`. */
  map<T, R>(fn: (item: T) => R, items: readonly T[]): Promise<Awaited<R>[]> {
    return Promise.all(items.map((item) => this.submit(fn as (...a: [T]) => R, item)));
  }

  /** Lets the workers finish their tasks and waits for them to exit. */
  async close(): Promise<void> {
    for (let i = 0; i < this.#processes.length; i++) await this.#tasks.put(null);
    for (const p of this.#processes) await p.join();
  }
}
