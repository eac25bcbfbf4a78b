/**
 * The heartbeat of the event-loop figure: a requestAnimationFrame loop on the page's main thread.
 * A browser runs animation-frame callbacks in the "update the rendering" step of its event loop
 * (HTML Standard, event loop processing model), which can only come between two tasks: while one
 * task runs, no frame is painted and no callback runs. So the gaps between heartbeats are how long
 * the page's event loop was unable to render, measured by the page itself.
 *
 * `gapStats` is pure (the unit test feeds it timestamps); `Heartbeat` is the loop.
 */

export interface GapStats {
  /** The longest time between two consecutive heartbeats, in milliseconds. */
  longestMs: number;
  /** Frames that should have been painted in the gaps and were not (a gap of k frame times misses k - 1). */
  missedFrames: number;
  /** Heartbeats in the window. */
  beats: number;
}

/** The usual frame time: the median gap (robust against the few long ones being measured). */
export function typicalFrameMs(stamps: readonly number[]): number {
  const gaps: number[] = [];
  for (let i = 1; i < stamps.length; i++) gaps.push(stamps[i]! - stamps[i - 1]!);
  if (gaps.length === 0) return 1000 / 60;
  gaps.sort((a, b) => a - b);
  return Math.max(1, gaps[Math.floor(gaps.length / 2)]!);
}

/** Gap statistics of heartbeat timestamps (ascending, milliseconds), with the frame time `frameMs`. */
export function gapStats(stamps: readonly number[], frameMs: number): GapStats {
  let longestMs = 0;
  let missedFrames = 0;
  for (let i = 1; i < stamps.length; i++) {
    const gap = stamps[i]! - stamps[i - 1]!;
    longestMs = Math.max(longestMs, gap);
    missedFrames += Math.max(0, Math.round(gap / frameMs) - 1);
  }
  return { longestMs, missedFrames, beats: stamps.length };
}

/** A requestAnimationFrame loop that keeps the timestamps of its beats while it records. */
export class Heartbeat {
  #frame = 0;
  #running = false;
  #recording: number[] | null = null;
  #onBeat: (now: number) => void;

  /** `onBeat` runs on every frame, recording or not (the live indicator). */
  constructor(onBeat: (now: number) => void) {
    this.#onBeat = onBeat;
  }

  get running(): boolean {
    return this.#running;
  }

  start(): void {
    if (this.#running) return;
    this.#running = true;
    const beat = (now: number) => {
      if (!this.#running) return;
      this.#recording?.push(now);
      this.#onBeat(now);
      this.#frame = requestAnimationFrame(beat);
    };
    this.#frame = requestAnimationFrame(beat);
  }

  stop(): void {
    this.#running = false;
    cancelAnimationFrame(this.#frame);
  }

  /** Start keeping timestamps (from now on; the loop must be running). */
  record(): void {
    this.#recording = [];
  }

  /** Beats kept since record(). */
  get recorded(): number {
    return this.#recording?.length ?? 0;
  }

  /** Stop keeping timestamps and return them. */
  takeRecording(): number[] {
    const stamps = this.#recording ?? [];
    this.#recording = null;
    return stamps;
  }
}
