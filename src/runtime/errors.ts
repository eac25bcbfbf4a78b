/**
 * Error classes named as in Python, so a traceback reads the same in both languages.
 */

/** Misuse of a primitive, e.g. releasing a lock the thread does not hold (Python: RuntimeError). */
export class RuntimeError extends Error {
  override name = 'RuntimeError';
}

/** A bad argument, e.g. releasing a BoundedSemaphore too many times (Python: ValueError). */
export class ValueError extends Error {
  override name = 'ValueError';
}

/** Queue.get timed out or found nothing without blocking (Python: queue.Empty). */
export class Empty extends Error {
  override name = 'Empty';
}

/** Queue.put timed out or found no room without blocking (Python: queue.Full). */
export class Full extends Error {
  override name = 'Full';
}

/** A Barrier wait timed out (Python: threading.BrokenBarrierError). */
export class BrokenBarrierError extends Error {
  override name = 'BrokenBarrierError';
}
