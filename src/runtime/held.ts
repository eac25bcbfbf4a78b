/**
 * Python's `with lock:` for every primitive that has acquire/release (Lock, RLock, Semaphore,
 * Condition): one place that gets the try/finally right, so a body that throws never leaves the
 * primitive held.
 */
export interface Acquirable {
  acquire(): unknown;
  release(): void;
}

/** Runs `body` holding `p`, releasing it even if `body` throws; returns what `body` returns. */
export function held<T>(p: Acquirable, body: () => T): T {
  p.acquire();
  try {
    return body();
  } finally {
    p.release();
  }
}
