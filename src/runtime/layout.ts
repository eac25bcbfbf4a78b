/**
 * The shared-memory layout of one run: ONE module, used by the workers (which write it) and by the
 * hosts and the page (which read it every animation frame, without messages).
 *
 * A run owns one SharedArrayBuffer, the heap. It starts with a telemetry header of fixed size:
 *
 *   words [0, 16)                 global words (H_*): allocator, print sequence, instrumentation
 *   THREADS_BASE + tid * 16       one slot per thread (T_*): state, what it waits for, progress, times
 *   OBJECTS_BASE + id * 4         one slot per synchronization object (O_*): kind and its state words
 *   COUNTERS_BASE + i * 4         one slot per named live counter (C_*): where its value lives
 *   ALLOC_BASE_BYTES ...          the allocation area (SharedInt, SharedArray, Queue ring buffers)
 *
 * All offsets here are Int32 word indices unless the name ends in _BYTES. Every access to a word that
 * another thread may touch at the same time goes through Atomics; nothing in the header is ever read
 * or written with plain typed-array indexing.
 *
 * Names (of threads, locks, counters) never change, so they travel once, by message, at creation; the
 * header holds only numbers that change.
 */

export const HEAP_MAGIC = 0x494c5631; // "ILV1"
export const DEFAULT_HEAP_BYTES = 4 * 1024 * 1024;

// ---- global words -------------------------------------------------------------------------------
export const H_MAGIC = 0;
/** Next free byte offset in the allocation area (bump allocator, only grows). */
export const H_ALLOC = 1;
/** Global print sequence: `Atomics.add` gives every output line its place in the run's order. */
export const H_PRINT_SEQ = 2;
/** Instrumentation: how many times a lock release called Atomics.notify (0 when uncontended). */
export const H_NOTIFY_COUNT = 3;
/** Next thread id to hand out (tid 0 is never used, so a lock word of 0 means "no owner"). */
export const H_NEXT_TID = 4;
/** Next synchronization-object id. */
export const H_NEXT_OBJ = 5;
/** Next live-counter index. */
export const H_NEXT_COUNTER = 6;
/** Instrumentation: how many times a lock acquire went to sleep in Atomics.wait. */
export const H_LOCK_WAITS = 7;
/** Total heap size in bytes (so a reader holding only an Int32Array knows the bounds). */
export const H_HEAP_BYTES = 8;
/** Step mode only (docs/stepping.md): bumped and notified by a thread each time it parks at a step
 *  point or ends, so the host can wait for "every live thread parked" with one Atomics.waitAsync. */
export const H_STEP_EVENTS = 15;
export const HEADER_WORDS = 16;

// ---- thread table -------------------------------------------------------------------------------
export const MAX_THREADS = 64;
export const THREADS_BASE = HEADER_WORDS;
export const THREAD_STRIDE = 16;
/** ThreadState, see below. Changed with Atomics.store and then Atomics.notify (start gate waits on it). */
export const T_STATE = 0;
/** WaitKind: what a BLOCKED thread waits for. */
export const T_WAIT_KIND = 1;
/** Object id (lock, condition, ...) or thread id (join) the thread waits for; -1 when none. */
export const T_WAIT_OBJ = 2;
/** Per-thread progress, written by the example through `progress(done, total)`. */
export const T_PROGRESS = 3;
export const T_PROGRESS_TOTAL = 4;
/** Microseconds since the run's epoch; -1 until known. */
export const T_START_US = 5;
export const T_END_US = 6;
/** Join word: 0 while the thread may still run, 1 once it ended (normally or by an exception). */
export const T_DONE = 7;
/** Start gate: 0 until the starter opens it, then 1 (see thread.ts, "start barrier"). */
export const T_GATE = 8;
/** Private word a thread sleeps on (sleep() waits here with a timeout; nobody notifies it). */
export const T_SLEEP = 9;
/** ThreadKind. */
export const T_KIND = 10;
/** 1 while the thread's blocking wait has a deadline (acquire(timeout), join(timeout)): such a wait
 *  ends by itself, so the deadlock detector must not count it as an edge of the wait-for graph. */
export const T_WAIT_TIMED = 11;

export const ThreadState = {
  UNUSED: 0,
  /** start() was called; the worker is loading. */
  STARTING: 1,
  /** Loaded, waiting at the start gate. */
  READY: 2,
  RUNNING: 3,
  /** Blocked; T_WAIT_KIND and T_WAIT_OBJ say on what. */
  BLOCKED: 4,
  SLEEPING: 5,
  DONE: 6,
  /** Ended by an uncaught exception. */
  FAILED: 7,
} as const;
export type ThreadState = (typeof ThreadState)[keyof typeof ThreadState];
export const THREAD_STATE_NAMES = ['unused', 'starting', 'ready', 'running', 'blocked', 'sleeping', 'done', 'failed'] as const;

export const WaitKind = {
  NONE: 0,
  LOCK: 1,
  JOIN: 2,
  CONDITION: 3,
  SEMAPHORE: 4,
  EVENT: 5,
  BARRIER: 6,
  QUEUE: 7,
  MESSAGE: 8,
} as const;
export type WaitKind = (typeof WaitKind)[keyof typeof WaitKind];
export const WAIT_KIND_NAMES = ['none', 'lock', 'join', 'condition', 'semaphore', 'event', 'barrier', 'queue', 'message'] as const;

export const ThreadKind = { MAIN: 1, THREAD: 2, PROCESS: 3, POOL: 4 } as const;
export type ThreadKind = (typeof ThreadKind)[keyof typeof ThreadKind];
export const THREAD_KIND_NAMES = ['', 'main', 'thread', 'process', 'pool'] as const;

// ---- object table -------------------------------------------------------------------------------
export const MAX_OBJECTS = 512;
export const OBJECTS_BASE = THREADS_BASE + MAX_THREADS * THREAD_STRIDE;
export const OBJECT_STRIDE = 4;
/** ObjectKind. */
export const O_KIND = 0;
/** The primitive's main state word (lock word, semaphore count, condition sequence, ...). */
export const O_WORD = 1;
/** Second state word (RLock count, waiter count, barrier generation, ...). */
export const O_AUX = 2;
/** Third state word (BoundedSemaphore bound, barrier parties, ...). */
export const O_AUX2 = 3;

export const ObjectKind = {
  NONE: 0,
  LOCK: 1,
  RLOCK: 2,
  SEMAPHORE: 3,
  BOUNDED_SEMAPHORE: 4,
  CONDITION: 5,
  EVENT: 6,
  BARRIER: 7,
} as const;
export type ObjectKind = (typeof ObjectKind)[keyof typeof ObjectKind];
export const OBJECT_KIND_NAMES = ['none', 'Lock', 'RLock', 'Semaphore', 'BoundedSemaphore', 'Condition', 'Event', 'Barrier'] as const;

// ---- live counters ------------------------------------------------------------------------------
export const MAX_COUNTERS = 32;
export const COUNTERS_BASE = OBJECTS_BASE + MAX_OBJECTS * OBJECT_STRIDE;
export const COUNTER_STRIDE = 4;
/** Word index of the counter's Int32 value inside the heap. */
export const C_INDEX = 0;
/** 1 when C_EXPECTED holds the value the example expects at the end. */
export const C_HAS_EXPECTED = 1;
export const C_EXPECTED = 2;

// ---- step table (step mode only, docs/stepping.md) ------------------------------------------------
/**
 * One row per thread. A thread in a step run writes the operation it is about to do here, bumps
 * H_STEP_EVENTS and waits on S_GRANT; the host reads the row, evaluates the enabling predicate and
 * grants one thread one step by bumping its S_GRANT. Unused (all zero) in ordinary runs.
 */
export const STEP_BASE = COUNTERS_BASE + MAX_COUNTERS * COUNTER_STRIDE;
export const STEP_STRIDE = 16;
/** StepStatus. The host stores RUNNING before it grants; the thread stores PARKED when it stops. */
export const S_STATUS = 0;
/** StepOp of the pending operation. */
export const S_OP = 1;
/** StepObj: what S_OBJ names. */
export const S_OBJ_KIND = 2;
/** Word index (memory), object id, thread id, or array byte offset. */
export const S_OBJ = 3;
/** Argument (value stored, array index, ...), second argument. */
export const S_ARG = 4;
export const S_ARG2 = 5;
/** StepPred: when the pending operation may run, over the word S_PRED_WORD and the value S_PRED_VALUE. */
export const S_PRED = 6;
export const S_PRED_WORD = 7;
export const S_PRED_VALUE = 8;
/** Grant counter: the host adds 1 to let the thread take its step; -1 aborts the thread (run over). */
export const S_GRANT = 9;
/** Result of the last step taken (value loaded, old value of an RMW, 1/0 for acquire). */
export const S_RESULT = 10;
/** Position of the call in the compiled example (1-based), 0 when unknown or not captured. */
export const S_LINE = 11;
export const S_COL = 12;
/** Wait kind and object of an internal wait (copied from T_WAIT_KIND/T_WAIT_OBJ when it parks). */
export const S_WAIT_KIND = 13;
export const S_WAIT_OBJ = 14;

export const StepStatus = { NONE: 0, RUNNING: 1, PARKED: 2 } as const;
export const StepObj = { NONE: 0, WORD: 1, OBJECT: 2, THREAD: 3, ARRAY: 4 } as const;
export const StepPred = {
  ALWAYS: 0,
  /** h[word] === value (join: the done word is 1) */
  EQ: 1,
  /** h[word] !== value (a futex wait: the word changed) */
  NE: 2,
  /** lock word free (0) or owned by the tag in value (RLock re-entry); value 0 = free only */
  LOCK_FREE: 3,
  /** h[word] > 0 (semaphore count) */
  POSITIVE: 4,
} as const;
/** Operation kinds, by code (S_OP). Names are the `kind` strings of docs/stepping.md. */
export const STEP_OPS = [
  'none', 'load', 'store', 'add', 'sub', 'and', 'or', 'xor', 'exchange', 'compareExchange',
  'get', 'set', 'acquire', 'release', 'wait', 'notify', 'notifyAll', 'clear', 'put', 'start', 'join', 'sleep',
  'abort', 'reset', 'taskDone', 'joinQueue', 'shutdown',
] as const;
export type StepOpName = (typeof STEP_OPS)[number];
export function stepOp(name: StepOpName): number {
  return STEP_OPS.indexOf(name);
}

/** Index of word `field` of thread `tid`'s step row. */
export function stepWord(tid: number, field: number): number {
  return STEP_BASE + tid * STEP_STRIDE + field;
}

// ---- allocation area ----------------------------------------------------------------------------
/** Start of the allocation area, rounded to a cache line so the header does not share one with data. */
export const ALLOC_BASE_BYTES = Math.ceil(((STEP_BASE + MAX_THREADS * STEP_STRIDE) * 4) / 64) * 64;

/** Index of word `field` of thread `tid`'s slot. */
export function threadWord(tid: number, field: number): number {
  return THREADS_BASE + tid * THREAD_STRIDE + field;
}

/** Index of word `field` of object `id`'s slot. */
export function objectWord(id: number, field: number): number {
  return OBJECTS_BASE + id * OBJECT_STRIDE + field;
}

/** Index of word `field` of counter `i`'s slot. */
export function counterWord(i: number, field: number): number {
  return COUNTERS_BASE + i * COUNTER_STRIDE + field;
}

/**
 * Creates and initializes a run's heap (host side). Thread ids start at 1 and object ids at 1, so
 * that 0 can mean "none" in lock words and wait slots.
 */
export function createHeap(bytes: number = DEFAULT_HEAP_BYTES): SharedArrayBuffer {
  const size = Math.max(ALLOC_BASE_BYTES + 64 * 1024, Math.ceil(bytes / 8) * 8);
  const sab = new SharedArrayBuffer(size);
  const h = new Int32Array(sab);
  Atomics.store(h, H_ALLOC, ALLOC_BASE_BYTES);
  Atomics.store(h, H_NEXT_TID, 1);
  Atomics.store(h, H_NEXT_OBJ, 1);
  Atomics.store(h, H_HEAP_BYTES, size);
  for (let t = 0; t < MAX_THREADS; t++) {
    Atomics.store(h, threadWord(t, T_WAIT_OBJ), -1);
    Atomics.store(h, threadWord(t, T_START_US), -1);
    Atomics.store(h, threadWord(t, T_END_US), -1);
  }
  // Written last: a reader that sees the magic sees an initialized header.
  Atomics.store(h, H_MAGIC, HEAP_MAGIC);
  return sab;
}

/**
 * Bump allocation in the heap: returns a byte offset aligned to `align` (a power of two). Lock-free:
 * a compareExchange loop on H_ALLOC. Memory is never freed; a run is short and its heap dies with it.
 */
export function allocBytes(h: Int32Array, bytes: number, align = 8): number {
  for (;;) {
    const cur = Atomics.load(h, H_ALLOC);
    const start = (cur + align - 1) & ~(align - 1);
    const end = start + bytes;
    if (end > Atomics.load(h, H_HEAP_BYTES)) {
      throw new RangeError(`interleave: the run's shared heap is full (asked for ${bytes} bytes); use fewer or smaller shared objects`);
    }
    // Only the thread whose CAS succeeds owns [start, end); the others retry from the new top.
    if (Atomics.compareExchange(h, H_ALLOC, cur, end) === cur) return start;
  }
}
