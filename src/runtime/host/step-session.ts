/**
 * The interactive step session (docs/stepping.md, section 4): the reader is the scheduler. Each
 * session owns a pool of workers reused by every reset, replay and undo (undo is a replay of the
 * schedule minus its last choice: a worker cannot be rewound, a run can be repeated exactly).
 * Platform-neutral: the browser host and the Node host only supply the Platform and how to read the
 * compiled example's text (for its source map).
 */
import type { Expectation } from '../example-meta.ts';
import { C_INDEX, H_NEXT_COUNTER, MAX_COUNTERS, StepObj, ThreadState, T_STATE, counterWord, threadWord } from '../layout.ts';
import { checkExpectation, type Verdict } from '../expectation.ts';
import { parseSchedule, type Schedule } from '../schedule.ts';
import { inlineSourceMap, type SourceMap } from '../sourcemap.ts';
import { readTelemetry, type DeadlockReport, type LockInfo } from '../telemetry.ts';
import type { OutputLine, Platform, RunResult } from './run.ts';
import { explore, type ExploreOptions, type ExploreReport } from './explore.ts';
import { StepRunner, advance, type Pending } from './step-runner.ts';
import { blockedOn, locate, pendingObject, stepText, threadLabel, threadNumber, wordName, type SourceLocation } from './step-text.ts';
import { WorkerPool } from './worker-pool.ts';

export interface StepOptions {
  exampleUrl: string;
  params?: Readonly<Record<string, number>>;
  expect?: Expectation;
  locate?: boolean;
  onChange?: (state: StepState) => void;
}

/** Explore from a session: same example, params and expectation, the session's workers. */
export type SessionExploreOptions = Omit<ExploreOptions, 'exampleUrl' | 'params' | 'expect'>;

export interface PendingOp {
  kind: string;
  object: string;
  text: string;
  location: SourceLocation | null;
}

export interface StepThread {
  number: number;
  id: number;
  name: string;
  status: 'starting' | 'ready' | 'blocked' | 'done' | 'failed';
  blockedOn: string | null;
  pending: PendingOp | null;
}

export interface StepRecord {
  index: number;
  thread: number;
  name: string;
  kind: string;
  object: string;
  text: string;
  auto: boolean;
  location: SourceLocation | null;
  /** Named counters right after this step (the trace's memory columns). */
  after: { name: string; value: number }[];
}

export interface StepState {
  status: 'starting' | 'choosing' | 'ended';
  threads: StepThread[];
  enabled: number[];
  schedule: Schedule;
  history: StepRecord[];
  shared: { name: string; value: number; expected: number | null }[];
  locks: LockInfo[];
  output: OutputLine[];
  end: { result: RunResult; verdict: Verdict; deadlock: DeadlockReport | null } | null;
  error: string | null;
}

interface RawRecord {
  p: Pending;
  auto: boolean;
  result: number;
  /** Counter slot -> value right after the step (names are resolved when the state is built). */
  after: [number, number][];
}

function counterValues(h: Int32Array): [number, number][] {
  const out: [number, number][] = [];
  const n = Math.min(Atomics.load(h, H_NEXT_COUNTER), MAX_COUNTERS);
  for (let i = 0; i < n; i++) {
    const idx = Atomics.load(h, counterWord(i, C_INDEX));
    if (idx !== 0) out.push([i, Atomics.load(h, idx)]);
  }
  return out;
}

/** Memory operations whose record shows a value. */
const VALUED = new Set(['load', 'get', 'add', 'sub', 'and', 'or', 'xor', 'exchange', 'compareExchange']);

export class StepSession {
  readonly #pool: WorkerPool;
  readonly #opts: StepOptions;
  #map: SourceMap | null = null;
  #runner: StepRunner | null = null;
  #records: RawRecord[] = [];
  #schedule: number[] = [];
  #enabled: Pending[] = [];
  #error: string | null = null;
  #state: StepState;
  #queue: Promise<unknown> = Promise.resolve();
  #stopped = false;
  readonly ready: Promise<StepState>;

  constructor(platform: Platform, options: StepOptions, loadText: (url: string) => Promise<string>) {
    this.#pool = new WorkerPool(platform);
    this.#opts = options;
    this.#state = this.#emptyState();
    this.ready = this.#enqueue(async () => {
      if (options.locate !== false) this.#map = await loadText(options.exampleUrl).then(inlineSourceMap, () => null);
      await this.#begin();
    });
  }

  state(): StepState {
    return this.#state;
  }

  step(thread: number): Promise<StepState> {
    return this.#enqueue(() => this.#step(thread));
  }

  replay(schedule: Schedule | string): Promise<StepState> {
    return this.#enqueue(async () => {
      const s = typeof schedule === 'string' ? parseSchedule(schedule) : schedule;
      await this.#begin();
      for (let i = 0; i < s.length; i++) {
        const ok = await this.#step(s[i] as number, i + 1);
        if (!ok) break;
      }
    });
  }

  undo(): Promise<StepState> {
    return this.replay(this.#schedule.slice(0, -1));
  }

  reset(): Promise<StepState> {
    return this.#enqueue(() => this.#begin());
  }

  /**
   * Explores the session's example (docs/stepping.md) on the session's workers, after the current
   * step run (which stays as it is: explore runs on other workers of the pool).
   */
  explore(options: SessionExploreOptions = {}): Promise<ExploreReport> {
    const run = this.#queue.then(() =>
      explore(this.#pool, { ...options, exampleUrl: this.#opts.exampleUrl, params: this.#opts.params ?? {}, ...(this.#opts.expect ? { expect: this.#opts.expect } : {}) }),
    );
    this.#queue = run.catch(() => {});
    return run;
  }

  stop(): void {
    this.#stopped = true;
    this.#runner?.end('stopped', 'Stopped.');
    this.#pool.close();
  }

  /** Workers this session keeps (for leak checks). */
  get workers(): number {
    return this.#pool.size;
  }

  #enqueue(f: () => Promise<unknown>): Promise<StepState> {
    const next = this.#queue.then(async () => {
      if (this.#stopped) return this.#state;
      await f();
      if (this.#runner?.ended) await this.#runner.done;
      this.#publish();
      return this.#state;
    });
    this.#queue = next.catch(() => {});
    return next;
  }

  async #begin(): Promise<void> {
    if (this.#runner !== null) {
      this.#runner.end('stopped', 'Reset.');
      await this.#pool.drained();
    }
    this.#records = [];
    this.#schedule = [];
    this.#error = null;
    this.#enabled = [];
    this.#state = this.#emptyState();
    const runner = new StepRunner(this.#pool, { exampleUrl: this.#opts.exampleUrl, params: this.#opts.params ?? {}, locate: this.#opts.locate !== false });
    this.#runner = runner;
    this.#enabled = await this.#advance(runner);
  }

  async #advance(runner: StepRunner): Promise<Pending[]> {
    let last: RawRecord | null = null;
    const enabled = await advance(runner, (p) => {
      if (last !== null) {
        last.result = runner.result(last.p.tid);
        last.after = counterValues(runner.h);
      }
      last = { p, auto: true, result: 0, after: [] };
      this.#records.push(last);
    });
    const l = last as RawRecord | null;
    if (l !== null) {
      l.result = runner.result(l.p.tid);
      l.after = counterValues(runner.h);
    }
    return enabled;
  }

  /** One choice; false (and state.error) when that thread cannot move. `at` numbers replay steps. */
  async #step(thread: number, at?: number): Promise<boolean> {
    const runner = this.#runner;
    if (runner === null || runner.ended) {
      this.#error = `${at === undefined ? '' : `step ${at}: `}the run has ended`;
      return false;
    }
    const p = this.#enabled.find((x) => threadNumber(x.tid) === thread);
    if (p === undefined) {
      const known = runner.tids().includes(thread + 1);
      const parked = known ? runner.pending(thread + 1) : null;
      const why = !known ? 'there is no such thread' : parked === null ? 'it has ended' : `it is blocked on ${blockedOn(runner.h, runner.run.names, parked)}`;
      this.#error = `${at === undefined ? '' : `step ${at}: `}${thread === 0 ? 'M' : `T${thread}`} cannot take a step: ${why}`;
      return false;
    }
    this.#error = null;
    const rec: RawRecord = { p, auto: false, result: 0, after: [] };
    this.#records.push(rec);
    this.#schedule.push(thread);
    await runner.grant(p.tid);
    rec.result = runner.result(p.tid);
    rec.after = counterValues(runner.h);
    this.#enabled = runner.ended ? [] : await this.#advance(runner);
    return true;
  }

  #publish(): void {
    this.#state = this.#build();
    this.#opts.onChange?.(this.#state);
  }

  #emptyState(): StepState {
    return { status: 'starting', threads: [], enabled: [], schedule: [], history: [], shared: [], locks: [], output: [], end: null, error: null };
  }

  #op(runner: StepRunner, p: Pending, result?: number): PendingOp {
    return {
      kind: p.op,
      object: pendingObject(runner.h, runner.run.names, p),
      text: stepText(runner.h, runner.run.names, p, result),
      location: locate(this.#map, p.line, p.col),
    };
  }

  #build(): StepState {
    const runner = this.#runner;
    if (runner === null) return this.#emptyState();
    const h = runner.h;
    const names = runner.run.names;
    const enabledTids = new Set(this.#enabled.map((p) => p.tid));
    const threads: StepThread[] = runner.tids().map((tid) => {
      const p = runner.ended ? null : runner.pending(tid);
      const ended = runner.isEnded(tid);
      const status: StepThread['status'] = ended
        ? Atomics.load(h, threadWord(tid, T_STATE)) === ThreadState.FAILED
          ? 'failed'
          : 'done'
        : p === null
          ? runner.ended
            ? 'done'
            : 'starting'
          : enabledTids.has(tid)
            ? 'ready'
            : 'blocked';
      return {
        number: threadNumber(tid),
        id: tid,
        name: threadLabel(names, tid),
        status,
        blockedOn: status === 'blocked' && p !== null ? blockedOn(h, names, p) : null,
        pending: p === null ? null : this.#op(runner, p),
      };
    });
    const tele = readTelemetry(h, names);
    const shared: StepState['shared'] = tele.counters.map((c) => ({ name: c.name, value: c.value, expected: c.expected }));
    const seen = new Set(shared.map((s) => s.name));
    for (const r of this.#records) {
      if (r.p.objKind !== StepObj.WORD || !VALUED.has(r.p.op) && r.p.op !== 'store') continue;
      const name = wordName(h, names, r.p.obj);
      if (seen.has(name)) continue;
      seen.add(name);
      shared.push({ name, value: Atomics.load(h, r.p.obj), expected: null });
    }
    const history: StepRecord[] = this.#records.map((r, i) => ({
      index: i + 1,
      thread: threadNumber(r.p.tid),
      name: threadLabel(names, r.p.tid),
      kind: r.p.op,
      object: pendingObject(h, names, r.p),
      text: stepText(h, names, r.p, VALUED.has(r.p.op) ? r.result : undefined),
      auto: r.auto,
      location: locate(this.#map, r.p.line, r.p.col),
      after: r.after.map(([i, value]) => ({ name: names.counters.get(i) ?? `counter ${i}`, value })),
    }));
    let end: StepState['end'] = null;
    const result = runner.ended ? this.#result : null;
    if (result !== null) {
      end = {
        result,
        verdict: this.#opts.expect ? checkExpectation(this.#opts.expect, result) : { ok: result.reason === 'finished', message: result.message },
        deadlock: result.deadlock,
      };
    }
    return {
      status: runner.ended ? 'ended' : 'choosing',
      threads,
      enabled: [...enabledTids].map(threadNumber),
      schedule: [...this.#schedule],
      history,
      shared,
      locks: tele.locks,
      output: result?.output ?? [...runner.output],
      end,
      error: this.#error,
    };
  }

  get #result(): RunResult | null {
    return this.#runner?.resultNow ?? null;
  }
}
