/**
 * interleave: what examples import. Real threads, processes, locks and IPC, with an API that follows
 * Python's threading, queue and multiprocessing modules. Runs in workers only (see docs/runtime.md):
 * the page and the Node host start runs through src/runtime/host/.
 */
export { Thread, currentThread, type ThreadOptions } from './thread.ts';
export { Lock, RLock, type PrimitiveOptions } from './lock.ts';
export { Condition } from './condition.ts';
export { Semaphore, BoundedSemaphore, Event, Barrier, type BarrierOptions } from './sync.ts';
export { Queue, type QueueOptions } from './queue.ts';
export { Process, ProcessQueue, Pipe, Connection, ProcessPool, type ProcessOptions } from './process.ts';
export { ThreadPool, Future } from './pool.ts';
export { SharedInt, SharedArray, counter, progress, type SharedArrayType, type CounterOptions } from './shared.ts';
export { print } from './print.ts';
export { sleep, asleep, monotonic } from './time.ts';
export { assert } from './assert.ts';
export { AssertionError, RuntimeError, ValueError, Empty, Full, BrokenBarrierError, ShutDown, RunEnded } from './errors.ts';
export type { ExampleMeta } from './example-meta.ts';
export { interpreter, Interpreter, PythonThread, type InterpreterOptions } from './gil/interpreter.ts';
export type { GilStats, LaneStats } from './gil/telemetry.ts';

/**
 * Internal: what the platform entries (src/runtime/host/*-worker.ts) need from the ONE runtime
 * instance of their worker. Not for examples.
 */
export { boot as __boot } from './boot.ts';
export { handleHostMessage as __handleHostMessage } from './context.ts';
export { mapFrames as __mapFrames } from './sourcemap.ts';
