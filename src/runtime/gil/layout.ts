/**
 * Shared-memory layout of the GIL model: ONE module, used by the workers that run the model
 * (interpreter.ts) and by the readers that draw it (telemetry.ts, the page's islands).
 *
 * An example creates one model block with `interpreter(...)`; it lives in the run's heap (allocation
 * area, 64-byte aligned) and holds, as Int32 words from its base:
 *
 *   [0, 16)                        block header (P_*): magic, mode, switch interval, sizes
 *   GILS_BASE + g * GIL_STRIDE     one GIL per interpreter (G_*): CPython's `struct _gil_runtime_state`
 *   LANES_BASE + l * LANE_STRIDE   one lane per Python thread (L_*): state, counters, times
 *   RINGS_BASE + l * cap * 2       each lane's ring of state transitions: (time µs, state) pairs
 *
 * Interpreters: mode 'gil' and 'free-threaded' have ONE interpreter (index 0) shared by all threads;
 * mode 'processes' gives every lane its own interpreter (g = lane), hence its own GIL, like a separate
 * process (or a PEP 684 subinterpreter). Free-threaded interpreters never touch their GIL.
 *
 * The page finds the block without any message: it scans the run's allocation area for P_MAGIC at
 * 64-byte steps, checked by P_CHECK (see findBlock in telemetry.ts).
 */
import { ALLOC_BASE_BYTES } from '../layout.ts';

export const GIL_MAGIC = 0x47494c31; // "GIL1"
/** P_CHECK holds GIL_MAGIC ^ base word index, so a stray GIL_MAGIC in user data is not taken for a block. */
export const GIL_CHECK_XOR = 0x5a5a5a5a;

// ---- header -------------------------------------------------------------------------------------
export const P_MAGIC = 0;
export const P_CHECK = 1;
/** Mode, see GilMode. */
export const P_MODE = 2;
/** The switch interval in µs (sys.setswitchinterval; CPython's default is 5000). */
export const P_INTERVAL_US = 3;
/** Lanes this block has room for. */
export const P_MAX_LANES = 4;
/** Entries per lane ring (a power of two). */
export const P_RING_CAP = 5;
/** Next lane to hand out (Atomics.add). */
export const P_NEXT_LANE = 6;
/** Work per chunk: iterations of the arithmetic loop one chunk of "bytecode" runs. */
export const P_CHUNK_ITERS = 7;
export const HEADER_WORDS = 16;

export const GilMode = { GIL: 0, FREE_THREADED: 1, PROCESSES: 2 } as const;
export type GilMode = (typeof GilMode)[keyof typeof GilMode];
export const GIL_MODE_NAMES = ['gil', 'free-threaded', 'processes'] as const;
export type GilModeName = (typeof GIL_MODE_NAMES)[number];

// ---- one GIL (per interpreter) ------------------------------------------------------------------
// Names follow Python/ceval_gil.c (struct _gil_runtime_state and the eval breaker).
export const GIL_STRIDE = 16;
/** `gil->locked`: 0 free, else the holder's lane + 1. Taken with compareExchange(0 -> me). */
export const G_LOCKED = 0;
/** The drop request (CPython 3.13+: `_PY_GIL_DROP_REQUEST_BIT` in the holder's per-thread eval breaker;
 *  up to 3.12 the interpreter's `gil_drop_request`): 1 asks the holder to drop the GIL. */
export const G_DROP_REQUEST = 1;
/** `gil->switch_number`: +1 every time a thread takes the GIL. Also the FORCE_SWITCHING futex word. */
export const G_SWITCH_NUMBER = 2;
/** `gil->last_holder`: lane + 1 of the last thread that held (or dropped) the GIL. */
export const G_LAST_HOLDER = 3;
/** `gil->cond` as a futex: a sequence number bumped by every drop; waiters wait on it, with the interval as timeout. */
export const G_COND_SEQ = 4;
/** Threads inside take_gil, waiting (instrumentation, and so a forced dropper never waits for nobody). */
export const G_WAITERS = 5;
/** Hand-offs: the GIL taken by a different thread than its last holder. */
export const G_HANDOFFS = 6;
/** Drop requests honoured: the holder released the GIL because a waiter timed out (forced switches). */
export const G_FORCED = 7;

// ---- one lane (per Python thread) ---------------------------------------------------------------
export const LANE_STRIDE = 16;
/** Interpreter (GIL) index of this lane. */
export const L_INTERP = 0;
/** LaneState now. */
export const L_STATE = 1;
/** Transitions written so far; the ring holds the last P_RING_CAP of them. Stored after the entry (release). */
export const L_COUNT = 2;
/** The runtime thread id of the worker (names come from the run's thread names), 0 before attach. */
export const L_TID = 3;
export const L_START_US = 4;
export const L_END_US = 5;
/** Accumulated µs in each state, updated at every transition. */
export const L_RUN_US = 6;
export const L_WAIT_US = 7;
export const L_IO_US = 8;
/** Chunks of bytecode executed. */
export const L_CHUNKS = 9;
/** Times this lane took the GIL after waiting for it. */
export const L_ACQUIRES = 10;
/** Result of the arithmetic (kept so the work cannot be optimized away). */
export const L_SINK = 11;
/** Private futex word: io() sleeps here with a timeout; nobody notifies it. */
export const L_SLEEP = 12;

export const LaneState = {
  /** Not started yet. */
  NEW: 0,
  /** Running Python bytecode (holding the GIL, or free-threaded). */
  RUNNING: 1,
  /** Waiting for the GIL. */
  WAITING: 2,
  /** Blocked in I/O (the GIL released). */
  IO: 3,
  DONE: 4,
} as const;
export type LaneState = (typeof LaneState)[keyof typeof LaneState];
export const LANE_STATE_NAMES = ['new', 'running', 'waiting', 'io', 'done'] as const;
export type LaneStateName = (typeof LANE_STATE_NAMES)[number];

export const DEFAULT_MAX_LANES = 16;
export const DEFAULT_RING_CAP = 4096;

export interface BlockGeometry {
  maxLanes: number;
  ringCap: number;
}

export function gilsBase(): number {
  return HEADER_WORDS;
}
export function lanesBase(g: BlockGeometry): number {
  return HEADER_WORDS + g.maxLanes * GIL_STRIDE;
}
export function ringsBase(g: BlockGeometry): number {
  return lanesBase(g) + g.maxLanes * LANE_STRIDE;
}
/** Size of a block in Int32 words. */
export function blockWords(g: BlockGeometry): number {
  return ringsBase(g) + g.maxLanes * g.ringCap * 2;
}

/** Word index (in the heap) of field `f` of GIL `i` of the block at word `base`. */
export function gilWord(base: number, i: number, f: number): number {
  return base + HEADER_WORDS + i * GIL_STRIDE + f;
}
export function laneWord(base: number, g: BlockGeometry, lane: number, f: number): number {
  return base + lanesBase(g) + lane * LANE_STRIDE + f;
}
/** Word index of entry `k` (0 = time µs, 1 = state) of `lane`'s ring; `k` is taken modulo the capacity. */
export function ringWord(base: number, g: BlockGeometry, lane: number, k: number): number {
  return base + ringsBase(g) + (lane * g.ringCap + (k & (g.ringCap - 1))) * 2;
}

/** Where a scan for blocks starts (the heap's allocation area), in words. */
export const SCAN_START_WORD = ALLOC_BASE_BYTES / 4;
