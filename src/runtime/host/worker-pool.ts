/**
 * Reusable workers for step runs (docs/stepping.md, "Worker reuse"). Starting a worker costs 30-70 ms;
 * Explore runs hundreds of schedules per second, so a step session keeps its workers and hands each
 * next run's `init` to an idle one (the worker entries accept any number of inits).
 *
 * A worker is idle once it has reported `done` (its target returned, or a StepAbort unwound it).
 * The Run (run.ts) calls terminate() on a member when it finished or the run ended; here that only
 * gives the worker back: at once if idle, otherwise when its `done` arrives. Messages of a worker
 * that is no longer leased go nowhere. Processes are not pooled (step runs do not schedule them).
 */
import type { HostToWorker, InitMessage, Role, WorkerToHost } from '../protocol.ts';
import type { Platform, WorkerEvents, WorkerHandle } from './run.ts';

interface Pooled {
  handle: WorkerHandle | null;
  events: WorkerEvents | null;
  /** Its target is running (an init was posted and no `done` came back yet). */
  busy: boolean;
  leased: boolean;
}

export class WorkerPool {
  readonly #base: Platform;
  readonly #idle: Pooled[] = [];
  readonly #all = new Set<Pooled>();
  #drainWaiters: (() => void)[] = [];
  #closed = false;

  constructor(base: Platform) {
    this.#base = base;
  }

  /** The Platform a step Run uses. */
  readonly platform: Platform = {
    spawn: (role: Role, init: InitMessage, events: WorkerEvents): WorkerHandle => this.#lease(role, init, events),
  };

  /** Workers alive in this pool. */
  get size(): number {
    return this.#all.size;
  }

  #lease(role: Role, init: InitMessage, events: WorkerEvents): WorkerHandle {
    if (role === 'process' || this.#closed) return this.#base.spawn(role, init, events);
    let w = this.#idle.pop();
    if (w === undefined) {
      const fresh: Pooled = { handle: null, events, busy: true, leased: true };
      w = fresh;
      this.#all.add(fresh);
      fresh.handle = this.#base.spawn(role, init, {
        onMessage: (m) => this.#onMessage(fresh, m),
        onExit: (error, code) => this.#onExit(fresh, error, code),
      });
    } else {
      w.events = events;
      w.busy = true;
      w.leased = true;
      w.handle?.post(init);
    }
    const leased = w;
    return {
      post: (m: HostToWorker) => leased.handle?.post(m),
      terminate: () => this.#release(leased),
    };
  }

  #onMessage(w: Pooled, m: WorkerToHost): void {
    // Idle first: the Run answers `done` with terminate(), which must find the worker idle.
    if (m.type === 'done') w.busy = false;
    if (w.leased) w.events?.onMessage(m);
    else if (!w.busy) this.#toIdle(w);
  }

  #onExit(w: Pooled, error: string | null, code: number | null): void {
    this.#all.delete(w);
    const i = this.#idle.indexOf(w);
    if (i >= 0) this.#idle.splice(i, 1);
    const events = w.leased ? w.events : null;
    w.handle = null;
    w.leased = false;
    w.busy = false;
    events?.onExit(error, code);
    this.#checkDrained();
  }

  #release(w: Pooled): void {
    if (!w.leased) return;
    w.leased = false;
    w.events = null;
    if (!w.busy) this.#toIdle(w);
  }

  #toIdle(w: Pooled): void {
    if (this.#closed || w.handle === null) return;
    if (!this.#idle.includes(w)) this.#idle.push(w);
    this.#checkDrained();
  }

  #draining(): Pooled[] {
    return [...this.#all].filter((w) => !w.leased && w.busy);
  }

  #checkDrained(): void {
    if (this.#draining().length > 0) return;
    const waiters = this.#drainWaiters;
    this.#drainWaiters = [];
    for (const f of waiters) f();
  }

  /**
   * Resolves when every released worker is idle again. A worker that does not come back within
   * `timeoutMs` (an example spinning without runtime operations cannot be unwound) is terminated.
   */
  drained(timeoutMs = 1000): Promise<void> {
    if (this.#draining().length === 0) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        for (const w of this.#draining()) {
          w.handle?.terminate();
          this.#onExit(w, null, null);
        }
        resolve();
      }, timeoutMs);
      this.#drainWaiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  /** Ends every worker of the pool. */
  close(): void {
    this.#closed = true;
    for (const w of [...this.#all]) {
      w.handle?.terminate();
      w.handle = null;
    }
    this.#all.clear();
    this.#idle.length = 0;
    this.#checkDrained();
  }
}
