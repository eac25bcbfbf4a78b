/**
 * Step mode, worker side (docs/stepping.md): before every operation of the runtime the thread stops
 * at a step point and waits until the host grants it exactly one step.
 *
 * Nothing here runs in an ordinary run. boot() calls installStepping() only when the host's init
 * message asks for a step run; it then wraps the primitives' prototype methods, once per worker, with
 * a step point before the original. So the primitives' code is unchanged and Run pays nothing, not
 * even a flag test.
 *
 * Protocol (the thread's row of the step table, layout.ts S_*):
 *   thread: write op, object, argument, enabling predicate, position; S_STATUS = PARKED;
 *           H_STEP_EVENTS += 1 and notify; wait while S_GRANT is unchanged
 *   host:   S_STATUS = RUNNING; S_GRANT += 1 and notify     (or S_GRANT = -1: abort, run is over)
 *   thread: runs the operation, stores S_RESULT, runs on to its next step point (or ends)
 * Only the granted thread runs between two step points, so a step run is deterministic.
 *
 * Blocking: the host only grants an operation whose predicate holds (lock free, count > 0, joined
 * thread ended, ...), so a granted operation does not block. Waits inside the primitives (a
 * condition, a barrier, a full queue) still call Atomics.wait on the heap: in step mode that call is a
 * step point too ('wait', enabled once the word differs from the value it waits on), never a real wait.
 *
 * Nesting: an operation built from others (Queue.put takes a lock and notifies a condition) is one
 * step; the inner operations take no step of their own, except the waits.
 */
import { Condition } from './condition.ts';
import { ctx, stepTimeout } from './context.ts';
import {
  H_NEXT_TID,
  H_STEP_EVENTS,
  O_WORD,
  STEP_OPS,
  S_ARG,
  S_ARG2,
  S_COL,
  S_GRANT,
  S_LINE,
  S_OBJ,
  S_OBJ_KIND,
  S_OP,
  S_PRED,
  S_PRED_VALUE,
  S_PRED_WORD,
  S_RESULT,
  S_STATUS,
  S_WAIT_KIND,
  S_WAIT_OBJ,
  StepObj,
  StepPred,
  StepStatus,
  T_DONE,
  T_GATE,
  T_SLEEP,
  T_WAIT_KIND,
  T_WAIT_OBJ,
  objectWord,
  stepWord,
  threadWord,
  type StepOpName,
} from './layout.ts';
import { Lock, RLock } from './lock.ts';
import { Queue } from './queue.ts';
import { SharedArray, SharedInt } from './shared.ts';
import { parseStack } from './stack.ts';
import { Barrier, BoundedSemaphore, Event, Semaphore } from './sync.ts';
import { Thread } from './thread.ts';

/** What the host sends in the init message of a step run (protocol.ts InitMessage.step). */
export interface StepInit {
  /** Capture each step's position in the example (costs a stack capture per step). */
  readonly locate: boolean;
}

/** Thrown out of a step point when the host ends the run; boot() does not report it. */
export class StepAbort extends Error {
  override name = 'StepAbort';
  constructor() {
    super('step run ended');
  }
}

export function isStepAbort(e: unknown): boolean {
  return e instanceof StepAbort;
}

const state = { active: false, locate: false, depth: 0 };
const realWait = Atomics.wait;

interface Op {
  op: StepOpName;
  objKind: number;
  obj: number;
  arg?: number;
  arg2?: number;
  pred?: number;
  predWord?: number;
  predValue?: number;
}

interface CallSiteLike {
  getFileName(): string | null | undefined;
  getLineNumber(): number | null;
  getColumnNumber(): number | null;
}

type ErrorStatics = {
  prepareStackTrace?: ((e: Error, s: CallSiteLike[]) => unknown) | undefined;
  stackTraceLimit?: number;
  captureStackTrace?: (o: object) => void;
};

/**
 * Generated position (1-based line and column) of the innermost frame in the example module, or
 * null when the engine gives none. V8 honours `Error.prepareStackTrace` and hands back structured
 * call sites, read directly. SpiderMonkey and JavaScriptCore have `Error.captureStackTrace` but
 * ignore `prepareStackTrace`: `stack` comes back as a string, read by stack.ts. Which of the two
 * happened is seen in what came back (an array or a string), never guessed from the engine's name.
 */
function examplePosition(): { line: number; col: number } | null {
  const E = Error as unknown as ErrorStatics;
  const savedPrepare = E.prepareStackTrace;
  const hasLimit = 'stackTraceLimit' in E;
  const savedLimit = E.stackTraceLimit;
  let stack: unknown;
  try {
    E.prepareStackTrace = (_e, s) => s;
    // The example's frame is a few frames below this one (park, stepped, the wrapper); V8 keeps 10 by default.
    if (hasLimit) E.stackTraceLimit = 32;
    const holder: { stack?: unknown } = {};
    if (typeof E.captureStackTrace === 'function') E.captureStackTrace(holder);
    else holder.stack = new Error().stack;
    // Read while prepareStackTrace is set: V8 formats `stack` on first read.
    stack = holder.stack;
  } finally {
    E.prepareStackTrace = savedPrepare;
    if (hasLimit) E.stackTraceLimit = savedLimit as number;
  }
  if (Array.isArray(stack)) {
    for (const f of stack as unknown[]) {
      const site = f as Partial<CallSiteLike> | null;
      if (typeof site?.getFileName !== 'function' || site.getFileName() !== ctx.exampleUrl) continue;
      return { line: site.getLineNumber?.() ?? 0, col: site.getColumnNumber?.() ?? 0 };
    }
    return null;
  }
  const frame = parseStack(typeof stack === 'string' ? stack : new Error().stack).find((f) => f.file === ctx.exampleUrl);
  return frame === undefined ? null : { line: frame.line, col: frame.column };
}

/** Stores the step's position in the example; 0 when unknown (the step view then says so). */
function capturePosition(h: Int32Array, row: number): void {
  const pos = examplePosition();
  Atomics.store(h, row + S_LINE, pos?.line ?? 0);
  Atomics.store(h, row + S_COL, pos?.col ?? 0);
}

/** Parks the calling thread at a step point until the host grants it one step. */
function park(o: Op): void {
  stepTimeout.fired = false; // a timeout the scheduler let fire ends with the operation it fired in
  const h = ctx.heap as Int32Array;
  const row = stepWord(ctx.tid, 0);
  if (Atomics.load(h, row + S_GRANT) < 0) throw new StepAbort();
  Atomics.store(h, row + S_OP, STEP_OPS.indexOf(o.op));
  Atomics.store(h, row + S_OBJ_KIND, o.objKind);
  Atomics.store(h, row + S_OBJ, o.obj);
  Atomics.store(h, row + S_ARG, o.arg ?? 0);
  Atomics.store(h, row + S_ARG2, o.arg2 ?? 0);
  Atomics.store(h, row + S_PRED, o.pred ?? StepPred.ALWAYS);
  Atomics.store(h, row + S_PRED_WORD, o.predWord ?? 0);
  Atomics.store(h, row + S_PRED_VALUE, o.predValue ?? 0);
  Atomics.store(h, row + S_WAIT_KIND, o.op === 'wait' ? Atomics.load(h, threadWord(ctx.tid, T_WAIT_KIND)) : 0);
  Atomics.store(h, row + S_WAIT_OBJ, o.op === 'wait' ? Atomics.load(h, threadWord(ctx.tid, T_WAIT_OBJ)) : 0);
  if (state.locate) capturePosition(h, row);
  const g = Atomics.load(h, row + S_GRANT);
  // Row complete, then PARKED, then the event: the host reads a whole row once it sees PARKED.
  Atomics.store(h, row + S_STATUS, StepStatus.PARKED);
  Atomics.add(h, H_STEP_EVENTS, 1);
  Atomics.notify(h, H_STEP_EVENTS);
  while (Atomics.load(h, row + S_GRANT) === g) realWait(h, row + S_GRANT, g);
  if (Atomics.load(h, row + S_GRANT) < 0) throw new StepAbort();
}

function result(v: number | boolean | void): void {
  const h = ctx.heap as Int32Array;
  Atomics.store(h, stepWord(ctx.tid, S_RESULT), typeof v === 'number' ? v | 0 : v === true ? 1 : 0);
}

/** One operation = one step: park (unless nested in another operation), then run the original. */
function stepped<T>(o: Op | (() => Op), run: () => T): T {
  if (state.depth > 0) return run();
  park(typeof o === 'function' ? o() : o);
  state.depth++;
  try {
    const v = run();
    result(v as number | boolean | void);
    return v;
  } finally {
    state.depth--;
  }
}

/** Tells the host this thread has ended (boot calls it last, in step runs only). */
export function stepThreadEnded(): void {
  if (!state.active) return;
  const h = ctx.heap;
  if (h === null || ctx.tid === 0) return;
  Atomics.store(h, stepWord(ctx.tid, S_STATUS), StepStatus.NONE);
  Atomics.add(h, H_STEP_EVENTS, 1);
  Atomics.notify(h, H_STEP_EVENTS);
}

type AnyFn = (...a: never[]) => unknown;

function wrap<P extends object>(proto: P, name: string, op: (self: P, args: unknown[]) => Op): void {
  const orig = (proto as Record<string, unknown>)[name] as AnyFn;
  Object.defineProperty(proto, name, {
    configurable: true,
    writable: true,
    value: function (this: P, ...args: unknown[]) {
      return stepped(
        () => op(this, args),
        () => (orig as (...a: unknown[]) => unknown).apply(this, args),
      );
    },
  });
}

function installWrappers(): void {
  // ---- SharedInt: value get/set are two different steps (load, store) --------------------------
  const desc = Object.getOwnPropertyDescriptor(SharedInt.prototype, 'value');
  if (desc?.get && desc.set) {
    const get = desc.get;
    const set = desc.set;
    Object.defineProperty(SharedInt.prototype, 'value', {
      configurable: true,
      get(this: SharedInt) {
        return stepped({ op: 'load', objKind: StepObj.WORD, obj: this.index }, () => get.call(this) as number);
      },
      set(this: SharedInt, v: number) {
        stepped({ op: 'store', objKind: StepObj.WORD, obj: this.index, arg: v }, () => {
          set.call(this, v);
          return v;
        });
      },
    });
  }
  const intOp = (name: StepOpName, arity: number): void =>
    wrap(SharedInt.prototype, name, (s, a) => ({ op: name, objKind: StepObj.WORD, obj: s.index, arg: arity > 0 ? Number(a[0]) : 0, arg2: arity > 1 ? Number(a[1]) : 0 }));
  intOp('load', 0);
  intOp('store', 1);
  for (const n of ['add', 'sub', 'and', 'or', 'xor', 'exchange'] as const) intOp(n, 1);
  intOp('compareExchange', 2);

  // ---- SharedArray: element ops name the array by byte offset and the index --------------------
  const arrOp = (name: StepOpName, method: string): void =>
    wrap(SharedArray.prototype, method, (s, a) => ({ op: name, objKind: StepObj.ARRAY, obj: s.byteOffset, arg: Number(a[0]), arg2: a.length > 1 ? Number(a[1]) : 0 }));
  arrOp('get', 'get');
  arrOp('set', 'set');
  arrOp('add', 'add');
  arrOp('sub', 'sub');
  arrOp('exchange', 'exchange');
  arrOp('compareExchange', 'compareExchange');

  // ---- locks: a blocking acquire without timeout is enabled only when it would not block -------
  const acquireOp = (id: number, args: unknown[], mine: number): Op => {
    const blocking = args[0] === undefined || args[0] === true;
    const timeout = args[1] === undefined ? -1 : Number(args[1]);
    const w = objectWord(id, O_WORD);
    return blocking && !(timeout >= 0)
      ? { op: 'acquire', objKind: StepObj.OBJECT, obj: id, pred: StepPred.LOCK_FREE, predWord: w, predValue: mine }
      : { op: 'acquire', objKind: StepObj.OBJECT, obj: id };
  };
  wrap(Lock.prototype, 'acquire', (s, a) => acquireOp(s.id, a, 0));
  wrap(RLock.prototype, 'acquire', (s, a) => acquireOp(s.id, a, ctx.tag));
  for (const P of [Lock.prototype, RLock.prototype]) wrap(P, 'release', (s) => ({ op: 'release', objKind: StepObj.OBJECT, obj: (s as Lock).id }));

  // ---- semaphores ------------------------------------------------------------------------------
  for (const P of [Semaphore.prototype, BoundedSemaphore.prototype]) {
    wrap(P, 'acquire', (s, a) => {
      const blocking = a[0] === undefined || a[0] === true;
      const id = (s as Semaphore).id;
      return blocking && a[1] === undefined
        ? { op: 'acquire', objKind: StepObj.OBJECT, obj: id, pred: StepPred.POSITIVE, predWord: objectWord(id, O_WORD) }
        : { op: 'acquire', objKind: StepObj.OBJECT, obj: id };
    });
    wrap(P, 'release', (s, a) => ({ op: 'release', objKind: StepObj.OBJECT, obj: (s as Semaphore).id, arg: a[0] === undefined ? 1 : Number(a[0]) }));
  }

  // ---- conditions, events, barriers, queues: one step at the call, waits inside are steps -------
  wrap(Condition.prototype, 'wait', (s) => ({ op: 'wait', objKind: StepObj.OBJECT, obj: s.id }));
  wrap(Condition.prototype, 'notify', (s, a) => ({ op: 'notify', objKind: StepObj.OBJECT, obj: s.id, arg: a[0] === undefined ? 1 : Number(a[0]) }));
  wrap(Condition.prototype, 'notifyAll', (s) => ({ op: 'notifyAll', objKind: StepObj.OBJECT, obj: s.id }));
  wrap(Event.prototype, 'set', (s) => ({ op: 'set', objKind: StepObj.OBJECT, obj: s.id }));
  wrap(Event.prototype, 'clear', (s) => ({ op: 'clear', objKind: StepObj.OBJECT, obj: s.id }));
  // Event.wait is one step at the call, then a 'wait' step if the flag is clear: its enabledness comes
  // from the primitive's own futex wait, so it holds whatever encoding the event uses.
  wrap(Event.prototype, 'wait', (s) => ({ op: 'wait', objKind: StepObj.OBJECT, obj: s.id }));
  wrap(Barrier.prototype, 'wait', (s) => ({ op: 'wait', objKind: StepObj.OBJECT, obj: s.id }));
  wrap(Queue.prototype, 'put', () => ({ op: 'put', objKind: StepObj.NONE, obj: 0 }));
  wrap(Queue.prototype, 'get', () => ({ op: 'get', objKind: StepObj.NONE, obj: 0 }));
  // Python-semantics additions (Barrier.abort/reset, Queue.taskDone/join/shutdown) are steps too
  // when the primitives have them; their waits are steps through Atomics.wait like every other.
  const optional: [object, string, StepOpName][] = [
    [Barrier.prototype, 'abort', 'abort'],
    [Barrier.prototype, 'reset', 'reset'],
    [Queue.prototype, 'taskDone', 'taskDone'],
    [Queue.prototype, 'join', 'joinQueue'],
    [Queue.prototype, 'shutdown', 'shutdown'],
  ];
  for (const [proto, method, op] of optional) {
    if (typeof (proto as Record<string, unknown>)[method] === 'function') {
      wrap(proto, method, (self) => ({ op, objKind: 'id' in (self as object) ? StepObj.OBJECT : StepObj.NONE, obj: (self as { id?: number }).id ?? 0 }));
    }
  }

  // ---- threads: start opens the new thread's start gate at once (the host schedules it) --------
  const start = Thread.prototype.start;
  Object.defineProperty(Thread.prototype, 'start', {
    configurable: true,
    writable: true,
    value: function (this: Thread) {
      const h = ctx.heap as Int32Array;
      const tid = Atomics.load(h, H_NEXT_TID);
      stepped({ op: 'start', objKind: StepObj.THREAD, obj: tid }, () => {
        // Only this thread runs now, so the tid start() takes is the one read above. Opening the
        // gate before the worker exists replaces the start barrier: the host decides who runs.
        Atomics.store(h, threadWord(tid, T_GATE), 1);
        start.call(this);
        ctx.pending = ctx.pending.filter((t) => t !== tid);
        return tid;
      });
    },
  });
  wrap(Thread.prototype, 'join', (s, a) =>
    a[0] === undefined
      ? { op: 'join', objKind: StepObj.THREAD, obj: s.ident, pred: StepPred.EQ, predWord: threadWord(s.ident, T_DONE), predValue: 1 }
      : { op: 'join', objKind: StepObj.THREAD, obj: s.ident },
  );

  // ---- every wait on the heap inside a primitive is a step point ------------------------------
  (Atomics as { wait: typeof Atomics.wait }).wait = function (ta: Int32Array | BigInt64Array, index: number, value: number | bigint, timeout?: number) {
    const h = ctx.heap;
    if (!state.active || h === null || ta.buffer !== h.buffer || !(ta instanceof Int32Array) || ctx.tid === 0) {
      return (realWait as (a: Int32Array | BigInt64Array, i: number, v: number | bigint, t?: number) => ReturnType<typeof Atomics.wait>).call(Atomics, ta, index, value, timeout);
    }
    const timed = timeout !== undefined && Number.isFinite(timeout);
    if (index === threadWord(ctx.tid, T_SLEEP)) {
      // sleep(): time does not pass in step mode; the step is taken and the sleep is over.
      park({ op: 'sleep', objKind: StepObj.THREAD, obj: ctx.tid, arg: Math.round(timeout ?? 0) });
      return 'timed-out';
    }
    park(timed ? { op: 'wait', objKind: StepObj.WORD, obj: index } : { op: 'wait', objKind: StepObj.WORD, obj: index, pred: StepPred.NE, predWord: index, predValue: value as number });
    // Granted: the word changed (or, timed, the scheduler let the timeout fire). Callers re-check;
    // a fired timeout makes their deadline pass (remainingMs), so they give up instead of re-waiting.
    if (Atomics.load(h, index) !== value) return 'ok';
    if (timed) stepTimeout.fired = true;
    return 'timed-out';
  } as typeof Atomics.wait;
}

let installed = false;

/** Called by boot() for a step run, before the example's code runs. Idempotent per worker. */
export function installStepping(init: StepInit): void {
  state.active = true;
  state.locate = init.locate;
  state.depth = 0;
  // A reused worker starts each run with a clean per-thread state.
  ctx.pending = [];
  if (!installed) {
    installed = true;
    installWrappers();
  }
}
