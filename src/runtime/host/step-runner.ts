/**
 * One step run, host side, platform-neutral (docs/stepping.md): starts the example as a Run on
 * pooled workers with `step` in every init, waits until every live thread is parked at a step point
 * (or ended), says which threads are enabled, grants one thread one step, and ends the run on a
 * deadlock. StepSession (interactive) and explore() (many schedules) drive it.
 *
 * Never blocks: waits are Atomics.waitAsync on H_STEP_EVENTS, so it runs on the page's main thread.
 */
import {
  H_NEXT_TID,
  H_STEP_EVENTS,
  MAX_THREADS,
  O_WORD,
  STEP_OPS,
  S_ARG,
  S_ARG2,
  S_COL,
  S_GRANT,
  S_LINE,
  S_OBJ,
  S_OBJ_KIND,
  S_OP,
  S_PRED,
  S_PRED_VALUE,
  S_PRED_WORD,
  S_RESULT,
  S_STATUS,
  S_WAIT_KIND,
  S_WAIT_OBJ,
  StepPred,
  StepStatus,
  StepObj,
  ThreadState,
  T_DONE,
  T_STATE,
  T_WAIT_KIND,
  T_WAIT_OBJ,
  T_WAIT_TIMED,
  WaitKind,
  objectWord,
  stepWord,
  threadWord,
  type StepOpName,
} from '../layout.ts';
import { findDeadlock, type DeadlockReport } from '../telemetry.ts';
import { Run, type OutputLine, type RunResult } from './run.ts';
import { blockedOn, threadLabel } from './step-text.ts';
import type { WorkerPool } from './worker-pool.ts';

/** A parked thread's pending operation, as read from its step row. */
export interface Pending {
  tid: number;
  op: StepOpName;
  objKind: number;
  obj: number;
  arg: number;
  arg2: number;
  pred: number;
  predWord: number;
  predValue: number;
  line: number;
  col: number;
  waitKind: number;
  waitObj: number;
}

export interface StepRunOptions {
  exampleUrl: string;
  params?: Readonly<Record<string, number>>;
  locate?: boolean;
  /** A run whose threads do not all park within this long (a loop without runtime operations) ends. Default 5000 ms. */
  settleLimitMs?: number;
  heapBytes?: number;
}

/** Operations the scheduler takes by itself: they commute with every other thread's operations. */
const AUTO_OPS: ReadonlySet<StepOpName> = new Set(['start', 'join', 'sleep']);

const waitAsync = (Atomics as unknown as {
  waitAsync(ta: Int32Array, i: number, v: number, t?: number): { async: false; value: string } | { async: true; value: Promise<string> };
}).waitAsync;

export class StepRunner {
  readonly run: Run;
  readonly h: Int32Array;
  readonly #opts: StepRunOptions;
  /** Threads the host marked BLOCKED in telemetry (parked at an operation that is not enabled). */
  readonly #marked = new Set<number>();
  #deadlock: DeadlockReport | null = null;
  /** Output so far, in print order. */
  readonly output: OutputLine[] = [];
  /** The run's result once it ended (set when `done` resolves). */
  resultNow: RunResult | null = null;

  constructor(pool: WorkerPool, options: StepRunOptions) {
    this.#opts = options;
    this.run = new Run(pool.platform, {
      exampleUrl: options.exampleUrl,
      params: options.params ?? {},
      timeLimitMs: Infinity,
      deadlockPollMs: Infinity,
      heapBytes: options.heapBytes ?? 256 * 1024,
      step: { locate: options.locate ?? true },
      onOutput: (line) => this.output.push(line),
    });
    void this.run.done.then((r) => (this.resultNow = r));
    if (this.run.heap === null) throw new Error('a step run needs shared memory');
    this.h = new Int32Array(this.run.heap);
    this.run.start();
  }

  get ended(): boolean {
    return this.run.ended;
  }

  get deadlock(): DeadlockReport | null {
    return this.#deadlock;
  }

  /** Thread ids of the run so far (main is 1). */
  tids(): number[] {
    const n = Math.min(Atomics.load(this.h, H_NEXT_TID), MAX_THREADS);
    const out: number[] = [];
    for (let t = 1; t < n; t++) out.push(t);
    return out;
  }

  /** Ended: the join word, which the thread (or the host, for a crashed worker) stores after its final state. */
  isEnded(tid: number): boolean {
    return Atomics.load(this.h, threadWord(tid, T_DONE)) === 1;
  }

  isParked(tid: number): boolean {
    return Atomics.load(this.h, stepWord(tid, S_STATUS)) === StepStatus.PARKED;
  }

  #quiescent(): boolean {
    for (const t of this.tids()) if (!this.isEnded(t) && !this.isParked(t)) return false;
    return true;
  }

  /** Waits until every live thread is parked or ended (or the run ended). */
  async settle(): Promise<void> {
    const limit = performance.now() + (this.#opts.settleLimitMs ?? 5000);
    for (;;) {
      if (this.run.ended) return;
      const ev = Atomics.load(this.h, H_STEP_EVENTS);
      if (this.#quiescent()) {
        // All threads ended: the Run ends itself once their `done` messages arrive.
        if (this.tids().every((t) => this.isEnded(t))) await this.run.done;
        return;
      }
      const left = limit - performance.now();
      if (left <= 0) {
        this.end('time-limit', `Stopped: a thread ran ${((this.#opts.settleLimitMs ?? 5000) / 1000).toFixed(0)} s without reaching a runtime operation.`);
        return;
      }
      // Bounded wait: a worker that crashed changes T_STATE without touching H_STEP_EVENTS.
      const r = waitAsync(this.h, H_STEP_EVENTS, ev, Math.min(left, 50));
      if (r.async) await r.value;
    }
  }

  pending(tid: number): Pending | null {
    if (!this.isParked(tid)) return null;
    const h = this.h;
    const w = (f: number): number => Atomics.load(h, stepWord(tid, f));
    return {
      tid,
      op: STEP_OPS[w(S_OP)] ?? 'none',
      objKind: w(S_OBJ_KIND),
      obj: w(S_OBJ),
      arg: w(S_ARG),
      arg2: w(S_ARG2),
      pred: w(S_PRED),
      predWord: w(S_PRED_WORD),
      predValue: w(S_PRED_VALUE),
      line: w(S_LINE),
      col: w(S_COL),
      waitKind: w(S_WAIT_KIND),
      waitObj: w(S_WAIT_OBJ),
    };
  }

  enabled(p: Pending): boolean {
    const v = Atomics.load(this.h, p.predWord);
    switch (p.pred) {
      case StepPred.EQ:
        return v === p.predValue;
      case StepPred.NE:
        return v !== p.predValue;
      case StepPred.LOCK_FREE:
        return v === 0 || (p.predValue !== 0 && (v & ~1) === p.predValue);
      case StepPred.POSITIVE:
        return v > 0;
      default:
        return true;
    }
  }

  /** Result word of the thread's last step (value loaded, old value of an RMW). */
  result(tid: number): number {
    return Atomics.load(this.h, stepWord(tid, S_RESULT));
  }

  /** Parked threads and whether each is enabled, in thread order; also refreshes telemetry marks. */
  snapshot(): { pending: Pending[]; enabled: Pending[] } {
    const pending: Pending[] = [];
    const enabled: Pending[] = [];
    for (const t of this.tids()) {
      const p = this.pending(t);
      if (p === null) continue;
      pending.push(p);
      if (this.enabled(p)) {
        enabled.push(p);
        this.#unmark(t);
      } else {
        this.#mark(p);
      }
    }
    return { pending, enabled };
  }

  /** Telemetry for a thread parked at an operation it cannot take yet: BLOCKED on what it waits for. */
  #mark(p: Pending): void {
    if (p.op === 'wait' && p.objKind === StepObj.WORD) return; // an internal wait: the primitive marked it
    const h = this.h;
    const kind =
      p.op === 'join' ? WaitKind.JOIN : p.op === 'acquire' ? (p.pred === StepPred.POSITIVE ? WaitKind.SEMAPHORE : WaitKind.LOCK) : WaitKind.NONE;
    Atomics.store(h, threadWord(p.tid, T_WAIT_TIMED), 0);
    Atomics.store(h, threadWord(p.tid, T_WAIT_KIND), kind);
    Atomics.store(h, threadWord(p.tid, T_WAIT_OBJ), p.obj);
    Atomics.store(h, threadWord(p.tid, T_STATE), ThreadState.BLOCKED);
    this.#marked.add(p.tid);
  }

  #unmark(tid: number): void {
    if (!this.#marked.delete(tid)) return;
    const h = this.h;
    Atomics.store(h, threadWord(tid, T_WAIT_KIND), WaitKind.NONE);
    Atomics.store(h, threadWord(tid, T_WAIT_OBJ), -1);
    Atomics.store(h, threadWord(tid, T_STATE), ThreadState.RUNNING);
  }

  /** Whether the scheduler takes this step itself (start/join/sleep, or the only live thread's step). */
  isAuto(p: Pending): boolean {
    if (AUTO_OPS.has(p.op)) return true;
    return this.tids().filter((t) => !this.isEnded(t)).length === 1;
  }

  /** Lets thread `tid` take its pending step and waits until the run is quiescent again. */
  async grant(tid: number): Promise<void> {
    const h = this.h;
    this.#unmark(tid);
    const row = stepWord(tid, 0);
    // RUNNING before the grant: the quiescence check must not see the old PARKED.
    Atomics.store(h, row + S_STATUS, StepStatus.RUNNING);
    Atomics.add(h, row + S_GRANT, 1);
    Atomics.notify(h, row + S_GRANT);
    await this.settle();
  }

  /** When no thread is enabled: the deadlock (cycle of locks/joins, or everyone waiting). */
  endDeadlock(pending: Pending[], names: (p: Pending) => string): void {
    const report = findDeadlock(this.h, this.run.names) ?? { cycle: [], text: `all threads blocked: ${pending.map(names).join('; ')}` };
    this.#deadlock = report;
    this.end('deadlock', `Deadlock: ${report.text}.`, report);
  }

  /** Ends the run: parked threads unwind (StepAbort) so their workers can be reused. */
  end(reason: 'deadlock' | 'stopped' | 'time-limit', message: string, report: DeadlockReport | null = null): void {
    const h = this.h;
    for (const t of this.tids()) {
      Atomics.store(h, stepWord(t, S_GRANT), -1);
      Atomics.notify(h, stepWord(t, S_GRANT));
    }
    if (!this.run.ended) this.run.endWith(reason, message, report);
  }

  get done(): Promise<RunResult> {
    return this.run.done;
  }

  /** The lock word of object `id` (for lock owner display). */
  lockWord(id: number): number {
    return Atomics.load(this.h, objectWord(id, O_WORD));
  }
}

/**
 * Runs the scheduler's own steps (start/join/sleep, the only live thread) until a choice is needed or
 * the run ends; ends it as a deadlock when no thread is enabled. Shared by sessions and Explore.
 */
export async function advance(runner: StepRunner, onAuto?: (p: Pending) => void): Promise<Pending[]> {
  for (;;) {
    await runner.settle();
    if (runner.ended) return [];
    const { pending, enabled } = runner.snapshot();
    if (enabled.length === 0) {
      runner.endDeadlock(pending, (p) => `${threadLabel(runner.run.names, p.tid)} waits for ${blockedOn(runner.h, runner.run.names, p)}`);
      return [];
    }
    const auto = enabled.find((p) => runner.isAuto(p));
    if (auto === undefined) return enabled;
    onAuto?.(auto);
    await runner.grant(auto.tid);
  }
}
