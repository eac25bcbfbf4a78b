/**
 * The CPU-bound task of the event-loop figure, run on either side of postMessage: on the page's main
 * thread by the island, or in a dedicated worker (busy-worker.ts). It counts primes by trial
 * division until `ms` milliseconds have passed, so it is bounded however fast or slow the machine
 * is, and the amount it got done says whether both sides really computed.
 *
 * Also the worker's two messages, so both sides import one definition.
 */

/** Page → worker: compute for `ms` milliseconds. */
export interface ComputeRequest {
  type: 'compute';
  ms: number;
}

/** Worker → page: what one computation did. */
export interface ComputeResult {
  type: 'computed';
  /** Primes found, counting up from 2. */
  primes: number;
  /** How long it computed, measured where it ran. */
  ms: number;
}

/** Count primes for `ms` milliseconds (checking the clock every 256 candidates), without yielding. */
export function countPrimesFor(ms: number): ComputeResult {
  const start = performance.now();
  let primes = 0;
  let candidate = 2;
  for (;;) {
    for (let k = 0; k < 256; k++, candidate++) {
      let prime = true;
      for (let d = 2; d * d <= candidate; d++) {
        if (candidate % d === 0) {
          prime = false;
          break;
        }
      }
      if (prime) primes++;
    }
    const elapsed = performance.now() - start;
    if (elapsed >= ms) return { type: 'computed', primes, ms: elapsed };
  }
}
