/**
 * Pure readers of the GIL model's block (layout.ts): what the page draws every animation frame and
 * what examples print at the end. Only Atomics.load; nothing here blocks or writes, so it is safe on
 * the page's main thread.
 */
import { H_ALLOC } from '../layout.ts';
import {
  GIL_CHECK_XOR,
  GIL_MAGIC,
  GIL_MODE_NAMES,
  G_FORCED,
  G_HANDOFFS,
  G_SWITCH_NUMBER,
  LANE_STATE_NAMES,
  LaneState,
  L_ACQUIRES,
  L_CHUNKS,
  L_COUNT,
  L_END_US,
  L_INTERP,
  L_IO_US,
  L_RUN_US,
  L_START_US,
  L_STATE,
  L_TID,
  L_WAIT_US,
  P_CHECK,
  P_INTERVAL_US,
  P_MAGIC,
  P_MAX_LANES,
  P_MODE,
  P_NEXT_LANE,
  P_RING_CAP,
  SCAN_START_WORD,
  gilWord,
  laneWord,
  ringWord,
  type BlockGeometry,
  type GilModeName,
  type LaneStateName,
} from './layout.ts';

/**
 * Finds the first GIL model block in a run's heap (word index), or null if the example has not
 * created one yet. Scans the allocated part of the heap in 64-byte steps; call it until it succeeds,
 * then keep the answer (the block never moves).
 */
export function findBlock(h: Int32Array, from = SCAN_START_WORD): number | null {
  const end = Math.min(Atomics.load(h, H_ALLOC) / 4, h.length);
  for (let w = Math.ceil(from / 16) * 16; w + 16 <= end; w += 16) {
    if (Atomics.load(h, w + P_MAGIC) === GIL_MAGIC && Atomics.load(h, w + P_CHECK) === (GIL_MAGIC ^ GIL_CHECK_XOR ^ w)) return w;
  }
  return null;
}

function geometryOf(h: Int32Array, base: number): BlockGeometry {
  return { maxLanes: Atomics.load(h, base + P_MAX_LANES), ringCap: Atomics.load(h, base + P_RING_CAP) };
}

export interface LaneStats {
  lane: number;
  /** Runtime thread id of the worker (look its name up in the run's names), 0 if not attached yet. */
  tid: number;
  /** Interpreter (and GIL) index. */
  interp: number;
  state: LaneStateName;
  startUs: number;
  /** -1 while the thread runs. */
  endUs: number;
  /** µs spent running Python, waiting for the GIL, blocked on I/O (up to the last transition). */
  runUs: number;
  waitUs: number;
  ioUs: number;
  chunks: number;
  /** Times the thread got the GIL after waiting for it. */
  acquires: number;
  /** Transitions recorded so far. */
  transitions: number;
}

export interface GilStats {
  mode: GilModeName;
  /** The switch interval, in seconds. */
  switchInterval: number;
  lanes: LaneStats[];
  /** GIL hand-offs (taken by another thread than its last holder), over all interpreters. */
  handoffs: number;
  /** Switches forced by a drop request. */
  forced: number;
  /** GIL acquisitions. */
  acquisitions: number;
  /** From the first thread's start to the last thread's end (or the latest transition), in seconds. */
  wallSeconds: number;
}

export function readGilStats(h: Int32Array, base: number): GilStats {
  const g = geometryOf(h, base);
  const n = Math.min(Atomics.load(h, base + P_NEXT_LANE), g.maxLanes);
  const lanes: LaneStats[] = [];
  let first = Infinity;
  let last = -Infinity;
  const interps = new Set<number>();
  for (let l = 0; l < n; l++) {
    const w = (f: number) => Atomics.load(h, laneWord(base, g, l, f));
    const count = w(L_COUNT);
    const startUs = w(L_START_US);
    const endUs = w(L_END_US);
    const interp = w(L_INTERP);
    interps.add(interp);
    const lastT = count > 0 ? Atomics.load(h, ringWord(base, g, l, count - 1)) : startUs;
    if (startUs > 0 || count > 0) first = Math.min(first, startUs);
    last = Math.max(last, endUs > 0 ? endUs : lastT);
    lanes.push({
      lane: l,
      tid: w(L_TID),
      interp,
      state: LANE_STATE_NAMES[w(L_STATE)] ?? 'new',
      startUs,
      endUs,
      runUs: w(L_RUN_US),
      waitUs: w(L_WAIT_US),
      ioUs: w(L_IO_US),
      chunks: w(L_CHUNKS),
      acquires: w(L_ACQUIRES),
      transitions: count,
    });
  }
  let handoffs = 0;
  let forced = 0;
  let acquisitions = 0;
  for (const i of interps) {
    handoffs += Atomics.load(h, gilWord(base, i, G_HANDOFFS));
    forced += Atomics.load(h, gilWord(base, i, G_FORCED));
    acquisitions += Atomics.load(h, gilWord(base, i, G_SWITCH_NUMBER));
  }
  return {
    mode: GIL_MODE_NAMES[Atomics.load(h, base + P_MODE)] ?? 'gil',
    switchInterval: Atomics.load(h, base + P_INTERVAL_US) / 1e6,
    lanes,
    handoffs,
    forced,
    acquisitions,
    wallSeconds: Number.isFinite(first) && last > first ? (last - first) / 1e6 : 0,
  };
}

/** One stretch of a lane in one state, [startUs, endUs). */
export interface Segment {
  state: LaneState;
  startUs: number;
  endUs: number;
}

/**
 * Reads the lanes' rings incrementally (call poll() every frame): keeps every transition seen, as
 * merged segments per lane. If a lane wrote more than a ring holds between two polls, the oldest
 * entries are gone; `lost` counts them (the timeline then shows a gap, not a wrong colour).
 */
export class RingReader {
  readonly #h: Int32Array;
  readonly #base: number;
  readonly #g: BlockGeometry;
  readonly #read: number[] = [];
  /** Per lane: closed segments, then the open one (endUs = -1 until the next transition). */
  readonly segments: Segment[][] = [];
  lost = 0;

  constructor(h: Int32Array, base: number) {
    this.#h = h;
    this.#base = base;
    this.#g = geometryOf(h, base);
  }

  /** Reads new transitions; returns true if anything changed. */
  poll(): boolean {
    const h = this.#h;
    const n = Math.min(Atomics.load(h, this.#base + P_NEXT_LANE), this.#g.maxLanes);
    let changed = false;
    for (let l = 0; l < n; l++) {
      const segs = (this.segments[l] ??= []);
      let from = this.#read[l] ?? 0;
      const count = Atomics.load(h, laneWord(this.#base, this.#g, l, L_COUNT));
      if (count - from > this.#g.ringCap) {
        this.lost += count - from - this.#g.ringCap;
        from = count - this.#g.ringCap;
      }
      for (let k = from; k < count; k++) {
        const t = Atomics.load(h, ringWord(this.#base, this.#g, l, k));
        const state = Atomics.load(h, ringWord(this.#base, this.#g, l, k) + 1) as LaneState;
        const open = segs.at(-1);
        if (open !== undefined && open.endUs < 0) open.endUs = t;
        if (state !== LaneState.DONE) segs.push({ state, startUs: t, endUs: -1 });
        changed = true;
      }
      this.#read[l] = count;
    }
    return changed;
  }

  /** Runtime thread ids of the lanes, in lane order. */
  tids(): number[] {
    const n = Math.min(Atomics.load(this.#h, this.#base + P_NEXT_LANE), this.#g.maxLanes);
    return Array.from({ length: n }, (_, l) => Atomics.load(this.#h, laneWord(this.#base, this.#g, l, L_TID)));
  }
}

/** "T1 ran Python 52% of the time, waited for the GIL 47%, was in I/O 0%" for each lane, plus hand-offs. */
export function describeStats(s: GilStats, nameOf: (lane: LaneStats) => string): string {
  const parts = s.lanes.map((l) => {
    const total = l.runUs + l.waitUs + l.ioUs || 1;
    const pct = (x: number) => `${Math.round((100 * x) / total)}%`;
    return `${nameOf(l)} ran Python ${pct(l.runUs)} of the time, waited for the GIL ${pct(l.waitUs)}, was blocked on I/O ${pct(l.ioUs)}`;
  });
  const gil = s.mode === 'free-threaded' ? 'no GIL (free-threaded)' : `${s.handoffs} GIL hand-offs, ${s.forced} forced by a drop request`;
  return `${parts.join('; ')}. ${gil}; ${(s.wallSeconds * 1000).toFixed(0)} ms in all.`;
}
