/**
 * A model of CPython's global interpreter lock (GIL), run on real workers. Worker side: what examples
 * import through `interleave` (`interpreter`, `Interpreter`, `PythonThread`).
 *
 * Source: CPython's Python/ceval_gil.c, the "new GIL" of Python 3.2 (Antoine Pitrou), unchanged in its
 * essentials through 3.14; David Beazley, "Understanding the Python GIL" (PyCon 2010) for the convoy
 * effect; PEP 703 for the free-threaded build, PEP 684 for one GIL per (sub)interpreter.
 *
 * What CPython does, and what this file does in the same order:
 *
 *   take_gil: while the GIL is locked, wait on gil->cond with the switch interval as timeout (5 ms,
 *     sys.getswitchinterval()). If the wait timed out and no switch happened meanwhile (switch_number
 *     unchanged), set gil_drop_request. Once free: lock it, last_holder = me, ++switch_number, signal
 *     switch_cond (FORCE_SWITCHING), clear gil_drop_request.
 *   eval loop: the holder checks the eval breaker at certain instructions; when gil_drop_request is set,
 *     it calls drop_gil then take_gil. Here: a thread "executes bytecode" in chunks of real arithmetic
 *     and checks the request before every chunk.
 *   drop_gil: last_holder = me, unlock, signal gil->cond (one waiter). If the drop was requested
 *     (forced switching) and nobody took the GIL yet, clear the request and wait on switch_cond until
 *     switch_number changes: the dropper cannot retake the GIL before the waiter got it.
 *   blocking I/O (Py_BEGIN_ALLOW_THREADS around sleep, read, queue waits): drop_gil, block, take_gil.
 *
 * State encoding (Int32 words of the block, see ./layout.ts): G_LOCKED 0 | holder lane + 1;
 * G_DROP_REQUEST 0 | 1; G_SWITCH_NUMBER counts acquisitions (a futex word: droppers wait on it);
 * G_COND_SEQ is gil->cond as a futex sequence number (bumped by every drop; waiters wait on the value
 * they read BEFORE their last failed compareExchange, so no wake-up is lost); G_LAST_HOLDER lane + 1.
 *
 * Invariants:
 *   - at most one lane of an interpreter is RUNNING in modes 'gil' and 'processes' (G_LOCKED is taken
 *     by compareExchange 0 -> me and cleared only by its holder);
 *   - only the holder clears G_LOCKED; only a waiter whose timed wait saw no switch sets G_DROP_REQUEST;
 *     the next taker clears it;
 *   - a lane's ring entry is written before L_COUNT is advanced, so a reader that loads L_COUNT sees
 *     complete entries (older ones may have been overwritten: the reader checks how far behind it is).
 *
 * Main-thread rules: all of this blocks (Atomics.wait), so it runs in workers only; the page only reads
 * the block (telemetry.ts).
 *
 * What the model leaves out (see docs/gil-model.md): the cost of a real bytecode interpreter, reference
 * counting, the free-threaded build's single-thread overhead (~5-10% in 3.14), process start-up and
 * pickling, and the OS scheduler's part in a wake-up (the workers are real threads, so that part is real).
 */
import { ctx, futexWait, heap, nowUs, releasePending, throwIfRunEnded } from '../context.ts';
import { DESCRIBE, registerDecoder } from '../encode.ts';
import { RuntimeError } from '../errors.ts';
import { allocBytes } from '../layout.ts';
import type { Descriptor } from '../protocol.ts';
import {
  DEFAULT_MAX_LANES,
  DEFAULT_RING_CAP,
  GIL_CHECK_XOR,
  GIL_MAGIC,
  GIL_MODE_NAMES,
  G_COND_SEQ,
  G_DROP_REQUEST,
  G_FORCED,
  G_HANDOFFS,
  G_LAST_HOLDER,
  G_LOCKED,
  G_SWITCH_NUMBER,
  G_WAITERS,
  GilMode,
  LaneState,
  L_ACQUIRES,
  L_CHUNKS,
  L_COUNT,
  L_END_US,
  L_INTERP,
  L_IO_US,
  L_RUN_US,
  L_SINK,
  L_SLEEP,
  L_START_US,
  L_STATE,
  L_TID,
  L_WAIT_US,
  P_CHECK,
  P_CHUNK_ITERS,
  P_INTERVAL_US,
  P_MAGIC,
  P_MAX_LANES,
  P_MODE,
  P_NEXT_LANE,
  P_RING_CAP,
  blockWords,
  gilWord,
  laneWord,
  ringWord,
  type BlockGeometry,
  type GilModeName,
} from './layout.ts';
import { readGilStats, type GilStats } from './telemetry.ts';

/**
 * Iterations of the arithmetic loop in one chunk of "bytecode". About 50 µs on a 2020s core:
 * small next to the 5 ms switch interval, as CPython's eval-breaker checks are (every few bytecodes).
 */
export const DEFAULT_CHUNK_ITERATIONS = 27_000;

export interface InterpreterOptions {
  /**
   * 'gil': threads share one interpreter and its GIL (CPython's default build). 'free-threaded': no GIL
   * (PEP 703, python3.14t). 'processes': every thread gets its own interpreter and GIL, as separate
   * processes (or PEP 684 subinterpreters) have. Also 0, 1, 2. Default: 'gil'.
   */
  mode?: GilModeName | GilMode;
  /** Seconds, like sys.setswitchinterval(). Default: 0.005 (CPython's default). */
  switchInterval?: number;
  /** Python threads (lanes) this interpreter has room for. Default: 16. */
  maxThreads?: number;
  /** Iterations of the arithmetic loop per chunk. Default: DEFAULT_CHUNK_ITERATIONS. */
  chunkIterations?: number;
}

function modeOf(m: InterpreterOptions['mode']): GilMode {
  if (m === undefined) return GilMode.GIL;
  if (typeof m === 'number') {
    if (m === 0 || m === 1 || m === 2) return m;
  } else {
    const i = GIL_MODE_NAMES.indexOf(m);
    if (i >= 0) return i as GilMode;
  }
  throw new TypeError(`interpreter mode must be 'gil', 'free-threaded' or 'processes' (or 0, 1, 2), not ${String(m)}`);
}

/**
 * The interpreter(s) of a model run: creates the shared block (in main), or rebuilds a handle over it
 * (in a thread that received the handle as an argument). Handles hold only the block's position.
 */
export class Interpreter {
  /** Word index of the block in the heap. */
  readonly base: number;
  readonly geometry: BlockGeometry;

  constructor(options: InterpreterOptions = {}, attachBase?: number) {
    const h = heap();
    if (attachBase !== undefined) {
      this.base = attachBase;
      this.geometry = { maxLanes: Atomics.load(h, attachBase + P_MAX_LANES), ringCap: Atomics.load(h, attachBase + P_RING_CAP) };
      return;
    }
    const maxLanes = Math.max(1, Math.min(64, Math.floor(options.maxThreads ?? DEFAULT_MAX_LANES)));
    this.geometry = { maxLanes, ringCap: DEFAULT_RING_CAP };
    // 64-byte aligned so the page's scan (64-byte steps) finds it.
    this.base = allocBytes(h, blockWords(this.geometry) * 4, 64) / 4;
    const b = this.base;
    Atomics.store(h, b + P_MODE, modeOf(options.mode));
    Atomics.store(h, b + P_MAX_LANES, maxLanes);
    Atomics.store(h, b + P_RING_CAP, DEFAULT_RING_CAP);
    Atomics.store(h, b + P_CHUNK_ITERS, Math.max(1, Math.floor(options.chunkIterations ?? DEFAULT_CHUNK_ITERATIONS)));
    this.setSwitchInterval(options.switchInterval ?? 0.005);
    // Written last: a reader that sees both magic words sees an initialized header.
    Atomics.store(h, b + P_CHECK, GIL_MAGIC ^ GIL_CHECK_XOR ^ b);
    Atomics.store(h, b + P_MAGIC, GIL_MAGIC);
  }

  get mode(): GilModeName {
    return GIL_MODE_NAMES[Atomics.load(heap(), this.base + P_MODE)] ?? 'gil';
  }

  /** sys.setswitchinterval(seconds): how long a waiter waits before it asks the holder to drop the GIL. */
  setSwitchInterval(seconds: number): void {
    if (!(seconds > 0)) throw new RangeError('switch interval must be greater than 0');
    Atomics.store(heap(), this.base + P_INTERVAL_US, Math.max(1, Math.round(seconds * 1e6)));
  }

  /** sys.getswitchinterval(), in seconds. */
  getSwitchInterval(): number {
    return Atomics.load(heap(), this.base + P_INTERVAL_US) / 1e6;
  }

  /**
   * Makes the calling worker a Python thread of this interpreter (CPython: a new thread state, then
   * take_gil) and returns it. In 'processes' mode the thread gets an interpreter, and a GIL, of its own.
   */
  attach(): PythonThread {
    return new PythonThread(this);
  }

  /** Per-thread times, hand-offs and the wall time of the model so far (also what the page reads). */
  stats(): GilStats {
    return readGilStats(heap(), this.base);
  }

  [DESCRIBE](): Descriptor {
    return { $interleave: 'Interpreter', base: this.base };
  }
}

// The runtime rebuilds an Interpreter passed to a Thread over the same block; passing one to a
// Process is refused like any shared handle.
registerDecoder('Interpreter', (d) => new Interpreter({}, (d as Extract<Descriptor, { $interleave: 'Interpreter' }>).base));

/** `interpreter({ mode: 'gil' })`: a new model interpreter (see InterpreterOptions). */
export function interpreter(options: InterpreterOptions = {}): Interpreter {
  return new Interpreter(options);
}

/**
 * The arithmetic one chunk runs: Marsaglia's xorshift32, so V8 cannot skip it. Only shifts and xors:
 * every intermediate stays an int32. (An LCG, `(Math.imul(x, a) + c) | 0`, overflows int32 in the
 * addition; V8's Maglev tier speculates it does not, deoptimizes, and each worker then ran ~80 ms
 * slow before TurboFan took over. That start-up cost, paid once per worker, made 2 GIL threads
 * 0.85x of one thread doing both tasks where CPython gives about 1.0x: a V8 artefact, not the GIL.)
 */
function work(x: number, iterations: number): number {
  for (let i = 0; i < iterations; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
  }
  return x;
}

/**
 * One Python thread of the model (CPython's PyThreadState), used only by the worker that attached it.
 * Holds the GIL from attach() until it blocks in io(), is asked to drop it, or exits.
 */
export class PythonThread {
  readonly lane: number;
  readonly interp: number;
  readonly #h: Int32Array;
  readonly #base: number;
  readonly #g: BlockGeometry;
  readonly #me: number;
  readonly #gilMode: boolean;
  readonly #iters: number;
  #state: LaneState = LaneState.NEW;
  #since = 0;
  #count = 0;
  #sink = 1;
  #exited = false;

  constructor(py: Interpreter) {
    const h = heap();
    this.#h = h;
    this.#base = py.base;
    this.#g = py.geometry;
    const lane = Atomics.add(h, py.base + P_NEXT_LANE, 1);
    if (lane >= py.geometry.maxLanes) throw new RuntimeError(`the interpreter has room for ${py.geometry.maxLanes} threads (maxThreads)`);
    this.lane = lane;
    this.#me = lane + 1;
    const mode = Atomics.load(h, py.base + P_MODE);
    this.#gilMode = mode !== GilMode.FREE_THREADED;
    // 'processes': one interpreter per thread, so one GIL per thread; otherwise all share GIL 0.
    this.interp = mode === GilMode.PROCESSES ? lane : 0;
    this.#iters = Atomics.load(h, py.base + P_CHUNK_ITERS);
    Atomics.store(h, this.#lw(L_INTERP), this.interp);
    Atomics.store(h, this.#lw(L_TID), ctx.tid);
    // Threads this worker started must not wait behind its GIL wait (start barrier, context.ts).
    releasePending();
    this.#since = nowUs();
    Atomics.store(h, this.#lw(L_START_US), this.#since);
    this.#takeGil();
  }

  #lw(f: number): number {
    return laneWord(this.#base, this.#g, this.lane, f);
  }

  #gw(f: number): number {
    return gilWord(this.#base, this.interp, f);
  }

  /** Records a transition: time in the old state is added up, the ring gets (now, state). */
  #record(state: LaneState): void {
    if (state === this.#state) return;
    const h = this.#h;
    const t = nowUs();
    const spent = t - this.#since;
    if (this.#state === LaneState.RUNNING) Atomics.add(h, this.#lw(L_RUN_US), spent);
    else if (this.#state === LaneState.WAITING) Atomics.add(h, this.#lw(L_WAIT_US), spent);
    else if (this.#state === LaneState.IO) Atomics.add(h, this.#lw(L_IO_US), spent);
    this.#state = state;
    this.#since = t;
    const k = this.#count;
    Atomics.store(h, ringWord(this.#base, this.#g, this.lane, k), t);
    Atomics.store(h, ringWord(this.#base, this.#g, this.lane, k) + 1, state);
    // Count after the entry (release order): a reader that sees count k+1 sees entry k complete.
    this.#count = k + 1;
    Atomics.store(h, this.#lw(L_COUNT), this.#count);
    Atomics.store(h, this.#lw(L_STATE), state);
  }

  /** take_gil (ceval_gil.c). */
  #takeGil(): void {
    if (!this.#gilMode) {
      this.#record(LaneState.RUNNING);
      return;
    }
    const h = this.#h;
    const locked = this.#gw(G_LOCKED);
    if (Atomics.compareExchange(h, locked, 0, this.#me) !== 0) {
      this.#record(LaneState.WAITING);
      const cond = this.#gw(G_COND_SEQ);
      const switchNumber = this.#gw(G_SWITCH_NUMBER);
      Atomics.add(h, this.#gw(G_WAITERS), 1);
      for (;;) {
        // Sequence first, then the attempt: a drop after the failed attempt changes the sequence, and
        // the wait below then returns at once ('not-equal') instead of missing the signal.
        const seq = Atomics.load(h, cond);
        if (Atomics.compareExchange(h, locked, 0, this.#me) === 0) break;
        const saved = Atomics.load(h, switchNumber);
        const intervalMs = Math.max(1, Atomics.load(h, this.#base + P_INTERVAL_US)) / 1000;
        const r = Atomics.wait(h, cond, seq, intervalMs);
        throwIfRunEnded(h);
        // Timed out and nobody switched meanwhile: ask the holder to drop the GIL (forced switching).
        if (r === 'timed-out' && Atomics.load(h, locked) !== 0 && Atomics.load(h, switchNumber) === saved) {
          Atomics.store(h, this.#gw(G_DROP_REQUEST), 1);
        }
      }
      Atomics.sub(h, this.#gw(G_WAITERS), 1);
      Atomics.add(h, this.#lw(L_ACQUIRES), 1);
    }
    // We hold the GIL.
    const last = Atomics.exchange(h, this.#gw(G_LAST_HOLDER), this.#me);
    if (last !== 0 && last !== this.#me) Atomics.add(h, this.#gw(G_HANDOFFS), 1);
    Atomics.add(h, this.#gw(G_SWITCH_NUMBER), 1);
    // FORCE_SWITCHING: wake the thread that dropped the GIL on request and waits for this switch
    // (the taker may have come straight from I/O without waiting, so always; cheap with no sleeper).
    Atomics.notify(h, this.#gw(G_SWITCH_NUMBER));
    if (Atomics.load(h, this.#gw(G_DROP_REQUEST)) !== 0) Atomics.store(h, this.#gw(G_DROP_REQUEST), 0);
    this.#record(LaneState.RUNNING);
  }

  /** drop_gil (ceval_gil.c). `requested`: dropped because a waiter asked (the eval breaker). */
  #dropGil(requested: boolean): void {
    if (!this.#gilMode) return;
    const h = this.#h;
    const switchNumber = this.#gw(G_SWITCH_NUMBER);
    const sw = Atomics.load(h, switchNumber);
    Atomics.store(h, this.#gw(G_LAST_HOLDER), this.#me);
    Atomics.store(h, this.#gw(G_LOCKED), 0);
    // COND_SIGNAL(gil->cond): wake one waiter.
    Atomics.add(h, this.#gw(G_COND_SEQ), 1);
    Atomics.notify(h, this.#gw(G_COND_SEQ), 1);
    if (!requested) return;
    Atomics.add(h, this.#gw(G_FORCED), 1);
    // FORCE_SWITCHING: not switched yet? Then wait until someone took the GIL, so that this thread
    // (CPU-bound, about to call take_gil again) cannot win it straight back.
    if (Atomics.load(h, this.#gw(G_LAST_HOLDER)) === this.#me) {
      Atomics.store(h, this.#gw(G_DROP_REQUEST), 0);
      while (Atomics.load(h, switchNumber) === sw && Atomics.load(h, this.#gw(G_WAITERS)) > 0) {
        // The taker increments and then notifies; the timeout only guards against a waiter that is gone.
        Atomics.wait(h, switchNumber, sw, 50);
        throwIfRunEnded(h);
      }
    }
  }

  /** The eval breaker: drop and retake the GIL if a waiter asked for it. */
  #checkEvalBreaker(): void {
    if (this.#gilMode && Atomics.load(this.#h, this.#gw(G_DROP_REQUEST)) !== 0) {
      // Recorded before the GIL is released, so lanes' RUNNING stretches never overlap in the timeline.
      this.#record(LaneState.WAITING);
      this.#dropGil(true);
      this.#takeGil();
    }
  }

  /**
   * Executes `chunks` chunks of CPU-bound "bytecode" (real arithmetic, DEFAULT_CHUNK_ITERATIONS
   * iterations each), checking the GIL's drop request before every chunk, as CPython's eval loop does.
   */
  compute(chunks: number): void {
    this.#alive();
    const h = this.#h;
    const done = this.#lw(L_CHUNKS);
    let x = this.#sink;
    for (let c = 0; c < chunks; c++) {
      // One load per chunk (thousands of iterations): leaves at once when the host ended the run.
      throwIfRunEnded(h);
      this.#checkEvalBreaker();
      x = work(x, this.#iters);
      Atomics.add(h, done, 1);
    }
    this.#sink = x;
    Atomics.store(h, this.#lw(L_SINK), x);
  }

  /** Blocking I/O for `seconds` (time.sleep, a socket read): releases the GIL while blocked, then takes it back. */
  io(seconds: number): void {
    this.#alive();
    this.#record(LaneState.IO);
    this.#dropGil(false);
    // Nobody stores to this word; only the host's end-of-run notify can wake it early (RunEnded).
    futexWait(this.#h, this.#lw(L_SLEEP), 0, Math.max(0, seconds * 1000), 50);
    this.#takeGil();
  }

  /** The thread ends: releases the GIL for good (CPython: PyThreadState_Clear / the thread's exit). */
  exit(): void {
    if (this.#exited) return;
    this.#exited = true;
    this.#record(LaneState.DONE);
    this.#dropGil(false);
    Atomics.store(this.#h, this.#lw(L_END_US), this.#since);
  }

  #alive(): void {
    if (this.#exited) throw new RuntimeError('this Python thread has exited');
  }
}
