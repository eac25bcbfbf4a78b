/**
 * Time: sleep() blocks with Atomics.wait and a timeout (never spins); monotonic() is a clock shared
 * by all the run's workers (seconds since the run started).
 *
 * Main-thread rules: sleep() blocks, so it only runs in workers (the page's main thread never runs
 * example code). In a run without shared memory, use `await asleep(s)` instead.
 */
import { ctx, futexWait, markState, releasePending } from './context.ts';
import { T_SLEEP, ThreadState, threadWord } from './layout.ts';

let privateWord: Int32Array | null = null;

/** Blocks the calling thread for `seconds` (Python's time.sleep). */
export function sleep(seconds: number): void {
  releasePending();
  const ms = Math.max(0, seconds * 1000);
  let h = ctx.heap;
  let idx = 0;
  if (h !== null && ctx.tid !== 0) {
    idx = threadWord(ctx.tid, T_SLEEP);
  } else {
    if (typeof SharedArrayBuffer === 'undefined') {
      throw new Error('sleep() needs shared memory, which this page does not have; use `await asleep(seconds)`');
    }
    privateWord ??= new Int32Array(new SharedArrayBuffer(4));
    h = privateWord;
  }
  markState(ThreadState.SLEEPING);
  if (h === privateWord) {
    Atomics.wait(h, idx, 0, ms);
  } else {
    // Nobody stores to this word; only the host's end-of-run notify wakes it early (then futexWait
    // throws RunEnded), so the wait otherwise ends by its timeout.
    futexWait(h, idx, 0, ms);
  }
  markState(ThreadState.RUNNING);
}

/** Waits without blocking the worker (for runs that pass messages: processes, queues between them). */
export function asleep(seconds: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, seconds * 1000)));
}

/** Seconds since the run started, on one clock for every worker of the run (Python's time.monotonic). */
export function monotonic(): number {
  return (performance.timeOrigin + performance.now() - ctx.epochMs) / 1000;
}
