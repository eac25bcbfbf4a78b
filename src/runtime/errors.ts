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

/** An `assert(cond, message)` whose condition was false (Python: AssertionError, raised by `assert cond, message`). */
export class AssertionError extends Error {
  override name = 'AssertionError';
}

/** Queue.get timed out or found nothing without blocking (Python: queue.Empty). */
export class Empty extends Error {
  override name = 'Empty';
}

/** Queue.put timed out or found no room without blocking (Python: queue.Full). */
export class Full extends Error {
  override name = 'Full';
}

/** A Barrier was broken: a wait timed out, abort() or reset() was called, or the action raised (Python: threading.BrokenBarrierError). */
export class BrokenBarrierError extends RuntimeError {
  override name = 'BrokenBarrierError';
}

/** Queue.put or get on a queue that was shut down (Python 3.13: queue.ShutDown). */
export class ShutDown extends Error {
  override name = 'ShutDown';
}

/**
 * Thrown out of any blocking call (and, every few hundred calls, out of SharedInt / SharedArray /
 * progress) once the host has ended the run (Stop, time limit, deadlock). It unwinds the worker so that
 * it returns to its event loop and terminate() can end it at once. Not an error of the example: the
 * worker entry reports nothing for it.
 */
export class RunEnded extends Error {
  override name = 'RunEnded';
  constructor() {
    super('the run has ended');
  }
}

/**
 * The example's compiled module did not load (a 404, a network error): the machinery failed before
 * the example ran, so it is reported with its URL and no traceback (Python: ImportError).
 */
export class ImportError extends Error {
  override name = 'ImportError';
}
