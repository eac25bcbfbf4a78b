/**
 * The per-worker state of the runtime: which heap, which thread, how to talk to the host.
 *
 * There is exactly one runtime module instance per worker (the build guarantees it: examples and the
 * worker entry import the same runtime URL), so a module-level object is "this thread's" state, like
 * a thread-local in C. Handles never store any of this; they look it up here.
 */
import { RunEnded, ValueError } from './errors.ts';
import {
  H_RUN_ENDED,
  ThreadState,
  T_DONE,
  T_GATE,
  T_STATE,
  T_WAIT_KIND,
  T_WAIT_TIMED,
  T_WAIT_OBJ,
  WaitKind,
  threadWord,
} from './layout.ts';
import type { Encoded, HostToWorker, InitMessage, ReplyMessage, Role, WorkerToHost } from './protocol.ts';

/** How a worker sends to its host; the entry (browser, worker_threads, child process) provides it. */
export interface HostPort {
  post(message: WorkerToHost): void;
}

export interface Context {
  /** The heap as Int32 words, or null in a process / a run without shared memory. */
  heap: Int32Array | null;
  f64: Float64Array | null;
  tid: number;
  /** The value this thread's locks store as owner: tid << 1 (bit 0 is the "waiters" flag). */
  tag: number;
  name: string;
  role: Role;
  port: HostPort | null;
  module: Readonly<Record<string, unknown>> | null;
  epochMs: number;
  idPrefix: string;
  /** Threads this worker started that still wait at their start gate. */
  pending: number[];
  /** Counter for ids this worker makes up. */
  nextLocalId: number;
  nextReqId: number;
  replies: Map<number, (reply: ReplyMessage) => void>;
  /** Lines printed before the host port existed (only in tests that call the runtime directly). */
  printSeqLocal: number;
  /** Source of the example module, for mapping stack traces (browser only; Node maps them itself). */
  exampleUrl: string;
}

export const ctx: Context = {
  heap: null,
  f64: null,
  tid: 0,
  tag: 0,
  name: 'MainThread',
  role: 'main',
  port: null,
  module: null,
  epochMs: 0,
  idPrefix: 'x',
  pending: [],
  nextLocalId: 1,
  nextReqId: 1,
  replies: new Map(),
  printSeqLocal: 0,
  exampleUrl: '',
};

/** Installs this worker's identity from the host's init message. */
export function setContext(init: InitMessage, port: HostPort): void {
  ctx.heap = init.heap ? new Int32Array(init.heap) : null;
  ctx.f64 = init.heap ? new Float64Array(init.heap) : null;
  ctx.tid = init.tid;
  ctx.tag = init.tid << 1;
  ctx.name = init.name;
  ctx.role = init.role;
  ctx.port = port;
  ctx.epochMs = init.epochMs;
  ctx.idPrefix = init.idPrefix;
  ctx.exampleUrl = init.exampleUrl;
}

/** The heap, or a clear error where shared memory is not available. */
export function heap(): Int32Array {
  const h = ctx.heap;
  if (h === null) {
    throw new Error(
      ctx.role === 'process'
        ? 'interleave: a Process shares no memory with its parent; send data through a ProcessQueue or a Pipe'
        : 'interleave: this run has no shared memory (the page is not cross-origin isolated), so threads and shared objects are unavailable',
    );
  }
  return h;
}

export function post(message: WorkerToHost): void {
  if (ctx.port === null) throw new Error('interleave: the runtime only runs inside a run started by an Interleave host');
  ctx.port.post(message);
}

/** Sends a request to the host and resolves with its reply (async: a process can only await messages). */
export function request(build: (reqId: number) => WorkerToHost): Promise<ReplyMessage> {
  const reqId = ctx.nextReqId++;
  return new Promise((resolve) => {
    ctx.replies.set(reqId, resolve);
    post(build(reqId));
  });
}

/** Entry points call this for every message from the host after init. */
export function handleHostMessage(m: HostToWorker): void {
  if (m.type === 'reply') {
    const resolve = ctx.replies.get(m.reqId);
    ctx.replies.delete(m.reqId);
    resolve?.(m);
  }
}

/** Microseconds since the run's epoch, comparable across the run's workers. */
export function nowUs(): number {
  return Math.round((performance.timeOrigin + performance.now() - ctx.epochMs) * 1000);
}

export function localId(kind: string): string {
  return `${ctx.idPrefix}-${kind}${ctx.nextLocalId++}`;
}

/**
 * The start barrier. Threads this worker started wait at their gate; the first time this worker is
 * about to block (join, a lock's slow path, sleep, a wait of any kind) or when its target returns, it
 * waits until every pending thread has loaded, then opens all their gates in one quick pass, so they
 * begin together and really overlap (worker start-up takes 12-60 ms, longer than a short loop).
 */
export function releasePending(): void {
  const h = ctx.heap;
  if (h === null || ctx.pending.length === 0) return;
  const pending = ctx.pending;
  ctx.pending = [];
  for (const tid of pending) {
    const idx = threadWord(tid, T_STATE);
    // The thread stores READY (or the host stores FAILED) and then notifies this word.
    for (let s = Atomics.load(h, idx); s === ThreadState.STARTING; s = Atomics.load(h, idx)) {
      futexWait(h, idx, ThreadState.STARTING, Infinity);
    }
  }
  for (const tid of pending) {
    // Open every gate before notifying any, so none of them gets a head start of a notify call.
    Atomics.store(h, threadWord(tid, T_GATE), 1);
  }
  for (const tid of pending) Atomics.notify(h, threadWord(tid, T_GATE));
}

/** Marks the calling thread blocked on something (telemetry and the wait-for graph). */
export function markBlocked(kind: WaitKind, obj: number, timed = false): void {
  const h = ctx.heap;
  if (h === null || ctx.tid === 0) return;
  // Wait target first, then state: a reader that sees BLOCKED also sees what it is blocked on.
  Atomics.store(h, threadWord(ctx.tid, T_WAIT_TIMED), timed ? 1 : 0);
  Atomics.store(h, threadWord(ctx.tid, T_WAIT_KIND), kind);
  Atomics.store(h, threadWord(ctx.tid, T_WAIT_OBJ), obj);
  Atomics.store(h, threadWord(ctx.tid, T_STATE), ThreadState.BLOCKED);
}

export function markState(state: ThreadState): void {
  const h = ctx.heap;
  if (h === null || ctx.tid === 0) return;
  Atomics.store(h, threadWord(ctx.tid, T_STATE), state);
  Atomics.store(h, threadWord(ctx.tid, T_WAIT_KIND), WaitKind.NONE);
  Atomics.store(h, threadWord(ctx.tid, T_WAIT_OBJ), -1);
}

/** Throws RunEnded if the host has ended the run (see H_RUN_ENDED in layout.ts). */
export function throwIfRunEnded(h: Int32Array): void {
  if (Atomics.load(h, H_RUN_ENDED) !== 0) throw new RunEnded();
}

/**
 * Every blocking wait of the runtime goes through here: Atomics.wait(h, idx, value, ms) (Infinity:
 * no limit), same results, except that it leaves by throwing RunEnded once the run has ended (checked
 * before sleeping and after waking). The host notifies every word a runtime wait sleeps on when the
 * run ends, and again a few times shortly after (run.ts), which covers a run that ends between our
 * check and our Atomics.wait.
 *
 * `sliceMs`, only for words nobody notifies (a private sleep word, e.g. the GIL model's I/O): sleep in
 * slices of that length and look at the run-ended word between them. Not for words others change:
 * re-waiting after a slice on a word that changed meanwhile would be a spurious wake-up, which
 * Python's Condition.wait never has.
 */
export function futexWait(h: Int32Array, idx: number, value: number, ms: number, sliceMs = Infinity): 'ok' | 'not-equal' | 'timed-out' {
  throwIfRunEnded(h);
  if (sliceMs === Infinity) {
    const r = Atomics.wait(h, idx, value, ms);
    throwIfRunEnded(h);
    return r;
  }
  const deadline = ms === Infinity ? Infinity : performance.now() + ms;
  for (;;) {
    const r = Atomics.wait(h, idx, value, Math.min(remainingMs(deadline), sliceMs));
    throwIfRunEnded(h);
    if (r !== 'timed-out' || remainingMs(deadline) <= 0) return r;
  }
}

/**
 * Calls between two looks at the run-ended word from pollRunEnded (a look is one Atomics.load). The
 * cost is the countdown, not the look, so this can be small. It bounds how long a loop that reads
 * rarely takes to leave: programs-cpus-cores/time-slices reads once per ~0.2 ms of work, and at 512
 * its 6 threads on 2 cores needed 280–490 ms after Stop (about 100 ms of their own CPU each); at 64,
 * about 13 ms of CPU.
 */
const POLL_EVERY = 64;
/**
 * The countdown lives in a (private, unshared) typed array, not in a module-level `let`: a `let` is a
 * context slot with a hole check on every access, which cost the counter loops measurably.
 */
const pollCountdown = new Int32Array([POLL_EVERY]);

/**
 * The cheap way out for loops that call the runtime but never block (SharedInt, SharedArray,
 * progress): a plain countdown, and one Atomics.load of the run-ended word every POLL_EVERY calls.
 */
export function pollRunEnded(): void {
  if (--pollCountdown[0]! > 0) return;
  pollCountdown[0] = POLL_EVERY;
  const h = ctx.heap;
  if (h !== null && Atomics.load(h, H_RUN_ENDED) !== 0) throw new RunEnded();
}

/**
 * Step mode only (step.ts): set when the scheduler let a timed wait time out, cleared at the thread's
 * next step point. Time does not pass in step mode, so without it a primitive that re-waits until its
 * deadline (Event.wait(t), Condition.wait(t), join(t)) would keep waiting on the real clock, a
 * different number of steps on every replay.
 */
export const stepTimeout = { fired: false };

/** Remaining milliseconds before a deadline (Infinity for none), for Atomics.wait's timeout. */
export function remainingMs(deadline: number): number {
  if (deadline === Infinity) return Infinity;
  return stepTimeout.fired ? 0 : Math.max(0, deadline - performance.now());
}

/**
 * Converts a timeout in seconds to a deadline for remainingMs. `undefined` (Python's None) waits
 * forever; any other value is a deadline, a negative one already passed (Python's Condition.wait,
 * Event.wait and Semaphore.acquire return False at once for it). Lock.acquire's -1 and the ValueErrors
 * for other negatives are checked by the callers that have those rules (checkLockTimeout here, Queue in queue.ts).
 */
export function deadlineFor(timeoutSeconds: number | undefined): number {
  return timeoutSeconds === undefined ? Infinity : performance.now() + timeoutSeconds * 1000;
}

/**
 * Python's rules for Lock.acquire and RLock.acquire (Modules/_threadmodule.c, lock_acquire_parse_args):
 * `timeout` -1 means forever, any other negative value is a ValueError, and a timeout on a
 * non-blocking call is a ValueError. Returns the timeout for deadlineFor.
 */
export function checkLockTimeout(blocking: boolean, timeout: number): number | undefined {
  if (!blocking && timeout !== -1) throw new ValueError("can't specify a timeout for a non-blocking call");
  if (timeout < 0 && timeout !== -1) throw new ValueError('timeout value must be a non-negative number');
  return timeout === -1 ? undefined : timeout;
}

export function isDone(h: Int32Array, tid: number): boolean {
  return Atomics.load(h, threadWord(tid, T_DONE)) === 1;
}

export type { Encoded };
