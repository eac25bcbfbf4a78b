/**
 * Explore: run an example in step mode under many schedules and report what can happen
 * (docs/stepping.md, section 4). Platform-neutral.
 *
 * Method: stateless model checking (Godefroid, VeriSoft, POPL 1997): depth-first over the choice
 * points; each schedule is run from the start (a worker cannot be rewound, a step run repeats
 * exactly), in the same reused workers; after each run, backtrack to the deepest choice with an
 * enabled thread not tried yet. The default choice keeps running the thread that ran last, so the
 * first schedule has no preemption; with `bound`, a schedule may switch away from a thread that could
 * go on at most `bound` times (CHESS, Musuvathi & Qadeer, PLDI 2007: most bugs need few preemptions).
 * With `prune: 'sleep-sets'` (Godefroid 1996), a thread whose pending step is independent of the
 * steps taken since an equivalent branch was explored is put to sleep and not tried again: only
 * schedules that differ in the order of dependent steps (same word, at least one write; any two
 * synchronization operations) are run. Outcomes are the same; counts are then per class, not per
 * interleaving, so the histogram is reported for the full search only.
 */
import type { Expectation } from '../example-meta.ts';
import { checkExpectation } from '../expectation.ts';
import { StepObj } from '../layout.ts';
import { formatSchedule, type Schedule } from '../schedule.ts';
import type { Platform, RunResult } from './run.ts';
import { StepRunner, advance, type Pending } from './step-runner.ts';
import { threadNumber } from './step-text.ts';
import { WorkerPool } from './worker-pool.ts';

export interface ExploreOptions {
  exampleUrl: string;
  params?: Readonly<Record<string, number>>;
  expect?: Expectation;
  bound?: number;
  maxSchedules?: number;
  /** Without `bound`: past this many schedules, switch to a preemption-bounded search. Default: none (exhaustive up to maxSchedules). */
  exhaustiveLimit?: number;
  /** The bound used after exhaustiveLimit. Default 2. */
  fallbackBound?: number;
  prune?: 'none' | 'sleep-sets';
  /**
   * A challenge's win (docs/challenges.md): each schedule's result is also judged by it, and the
   * report counts the winning schedules ("see every way to win").
   */
  win?: Expectation;
  signal?: AbortSignal;
  onProgress?: (p: { schedules: number; outcomes: number; elapsedMs: number }) => void;
}

export interface ExploreOutcome {
  label: string;
  count: number;
  ok: boolean;
  example: Schedule;
  /** An outcome that is an uncaught exception: its traceback (TypeScript lines), from the first schedule that gave it. */
  traceback?: string;
  /** With `win`: whether this outcome wins the challenge. */
  win?: boolean;
}

export interface ExploreReport {
  schedules: number;
  complete: boolean;
  method: 'exhaustive' | 'preemption-bounded';
  bound: number | null;
  /** Set when the exhaustive search passed exhaustiveLimit and the bounded one replaced it: how many it had run. */
  exhaustiveTried: number | null;
  outcomes: ExploreOutcome[];
  histogram: string;
  firstFailure: { schedule: Schedule; label: string; message: string } | null;
  summary: string;
  pruning: { method: string; schedules: number; unpruned: number | null; pruned: number } | null;
  /** With `win`: how many of the schedules run win, and the first that did. */
  wins?: { count: number; first: Schedule | null };
  elapsedMs: number;
  /** The first schedule's time: on fresh workers it includes starting them (30-70 ms each). */
  firstScheduleMs: number;
  schedulesPerSecond: number;
}

interface Point {
  enabled: Pending[];
  chosen: number;
  /** Threads tried at this point, in order; the last is `chosen`. */
  tried: number[];
  /** Sleep set on arrival. */
  sleep: Map<number, Pending>;
  last: number | null;
  preemptions: number;
}

const MEMORY = new Set(['load', 'store', 'add', 'sub', 'and', 'or', 'xor', 'exchange', 'compareExchange', 'get', 'set']);
const READS = new Set(['load', 'get']);

function isMemory(p: Pending): boolean {
  return MEMORY.has(p.op) && (p.objKind === StepObj.WORD || p.objKind === StepObj.ARRAY);
}

/** Whether swapping two steps of different threads can change anything (conservative). */
export function dependent(a: Pending, b: Pending): boolean {
  const ma = isMemory(a);
  const mb = isMemory(b);
  if (ma && mb) {
    const wa = a.objKind === StepObj.ARRAY ? `a${a.obj}:${a.arg}` : `w${a.obj}`;
    const wb = b.objKind === StepObj.ARRAY ? `a${b.obj}:${b.arg}` : `w${b.obj}`;
    return wa === wb && !(READS.has(a.op) && READS.has(b.op));
  }
  // Memory of SharedInt/SharedArray and the synchronization objects' words never overlap.
  return ma === mb;
}

/** One schedule's outcome: "final total: 3", "deadlock", "error: ...". */
export function outcomeOf(result: RunResult): { label: string; ok: boolean; message: string } {
  if (result.reason === 'deadlock') return { label: 'deadlock', ok: false, message: result.message };
  if (result.reason === 'error') return { label: `error: ${result.errors[0]?.message ?? result.message}`, ok: false, message: result.message };
  if (result.reason !== 'finished') return { label: result.reason, ok: false, message: result.message };
  if (result.counters.length === 0) return { label: 'finished', ok: true, message: result.message };
  const label = `final ${result.counters.map((c) => `${c.name}: ${c.value}`).join(', ')}`;
  const wrong = result.counters.filter((c) => c.expected !== null && c.value !== c.expected);
  return {
    label,
    ok: wrong.length === 0,
    message: wrong.length === 0 ? 'every counter as expected' : wrong.map((c) => `${c.name} = ${c.value}, expected ${c.expected}`).join('; '),
  };
}

/** "final total: 2 (32 schedules), 3 (32), 4 (6)". */
export function formatHistogram(outcomes: readonly ExploreOutcome[]): string {
  const parts: string[] = [];
  let prefix = '';
  outcomes.forEach((o, i) => {
    const m = /^(final [^:,]+: )(-?\d+)$/.exec(o.label);
    let text = o.label;
    if (m !== null && m[1] === prefix) text = m[2] as string;
    prefix = m !== null ? (m[1] as string) : '';
    parts.push(`${text} (${o.count}${i === 0 ? (o.count === 1 ? ' schedule' : ' schedules') : ''})`);
  });
  return parts.join(', ');
}

function sortOutcomes(outcomes: ExploreOutcome[]): ExploreOutcome[] {
  const num = (l: string): number | null => {
    const m = /^final [^:,]+: (-?\d+)$/.exec(l);
    return m === null ? null : Number(m[1]);
  };
  return outcomes.sort((a, b) => {
    const na = num(a.label);
    const nb = num(b.label);
    if (na !== null && nb !== null && a.label.replace(/-?\d+$/, '') === b.label.replace(/-?\d+$/, '')) return na - nb;
    return a.label < b.label ? -1 : a.label > b.label ? 1 : 0;
  });
}

interface SearchResult {
  outcomes: Map<string, ExploreOutcome>;
  firstFailure: ExploreReport['firstFailure'];
  schedules: number;
  pruned: number;
  complete: boolean;
  firstScheduleMs: number;
  wins: { count: number; first: Schedule | null };
}

/** Explores on `target`: a Platform (fresh workers, ended at the end) or a session's WorkerPool (reused, kept). */
export async function explore(target: Platform | WorkerPool, options: ExploreOptions): Promise<ExploreReport> {
  const own = !(target instanceof WorkerPool);
  const pool = target instanceof WorkerPool ? target : new WorkerPool(target);
  const t0 = performance.now();
  const max = options.maxSchedules ?? 20_000;
  let bound = options.bound ?? null;
  let exhaustiveTried: number | null = null;
  let r: SearchResult;
  try {
    r = await search(pool, options, bound, bound === null ? Math.min(max, options.exhaustiveLimit ?? max) : max, t0);
    // Exhaustive for small programs, then bounded: past the limit, every schedule with at most
    // `fallbackBound` preemptions instead (CHESS: most concurrency bugs need very few).
    if (bound === null && !r.complete && !options.signal?.aborted && options.exhaustiveLimit !== undefined && options.exhaustiveLimit < max) {
      exhaustiveTried = r.schedules;
      bound = options.fallbackBound ?? 2;
      r = await search(pool, options, bound, max, t0);
    }
  } finally {
    if (own) pool.close();
  }
  const { outcomes, firstFailure, schedules, pruned, complete, firstScheduleMs, wins } = r;
  const prune = options.prune === 'sleep-sets';
  const elapsedMs = performance.now() - t0;
  const list = sortOutcomes([...outcomes.values()]);
  const method = bound === null ? 'exhaustive' : 'preemption-bounded';
  const scope = (bound === null ? '' : ` with at most ${bound} preemption${bound === 1 ? '' : 's'}`) + (exhaustiveTried === null ? '' : ` (every schedule would be more than ${exhaustiveTried})`);
  const summary =
    firstFailure === null
      ? `no failing schedule among ${schedules}${scope}${complete ? '' : ` (search stopped after ${schedules} schedules, not exhaustive${bound === null ? '; a preemption bound, e.g. 2, covers the schedules most bugs need' : ''})`}`
      : `first failing schedule: ${formatSchedule(firstFailure.schedule)} (${firstFailure.label}); ${schedules} schedules${scope}${complete ? '' : ' (not exhaustive)'}`;
  return {
    schedules,
    complete,
    method,
    bound,
    exhaustiveTried,
    outcomes: list,
    histogram: formatHistogram(list),
    firstFailure,
    summary,
    pruning: prune ? { method: 'sleep sets', schedules, unpruned: null, pruned } : null,
    ...(options.win ? { wins } : {}),
    elapsedMs,
    firstScheduleMs,
    schedulesPerSecond: schedules / (elapsedMs / 1000),
  };
}

async function search(pool: WorkerPool, options: ExploreOptions, bound: number | null, max: number, t0: number): Promise<SearchResult> {
  const prune = options.prune === 'sleep-sets';
  const outcomes = new Map<string, ExploreOutcome>();
  let firstFailure: ExploreReport['firstFailure'] = null;
  let schedules = 0;
  let pruned = 0;
  let complete = false;
  let lastProgress = t0;
  let firstScheduleMs = 0;
  const wins: SearchResult['wins'] = { count: 0, first: null };
  const stack: Point[] = [];
  for (;;) {
    if (options.signal?.aborted) break;
    if (schedules >= max) break;
    const runner = new StepRunner(pool, { exampleUrl: options.exampleUrl, params: options.params ?? {}, locate: false });
    let last: number | null = null;
    let sleep = new Map<number, Pending>();
    const onAuto = (p: Pending): void => {
      last = p.tid;
      if (prune) for (const [t, q] of sleep) if (dependent(q, p)) sleep.delete(t);
    };
    let enabled = await advance(runner, onAuto);
    let depth = 0;
    let blockedBySleep = false;
    const choices: number[] = [];
    while (enabled.length > 0) {
      let point = stack[depth];
      if (point === undefined) {
        const candidates = enabled.filter((p) => !sleep.has(p.tid));
        if (candidates.length === 0) {
          blockedBySleep = true;
          break;
        }
        const lastTid: number | null = last;
        const keep: Pending | undefined = lastTid === null ? undefined : candidates.find((p) => p.tid === lastTid);
        const chosen: number = (keep ?? (candidates[0] as Pending)).tid;
        const prev = stack[depth - 1];
        const before = prev === undefined ? 0 : prev.preemptions + (isPreemption(prev, prev.chosen) ? 1 : 0);
        point = { enabled, chosen, tried: [chosen], sleep: new Map(sleep), last, preemptions: before };
        stack.push(point);
      }
      const chosen: number = point.chosen;
      const op = enabled.find((p) => p.tid === chosen);
      if (op === undefined) throw new Error(`explore: schedule did not replay (thread ${threadNumber(chosen)} not enabled at step ${depth + 1}); is the example deterministic?`);
      if (prune) {
        const next = new Map<number, Pending>();
        for (const [t, q] of point.sleep) if (!dependent(q, op)) next.set(t, q);
        for (const t of point.tried.slice(0, -1)) {
          const q = enabled.find((p) => p.tid === t);
          if (q !== undefined && !dependent(q, op)) next.set(t, q);
        }
        sleep = next;
      }
      choices.push(threadNumber(chosen));
      await runner.grant(chosen);
      last = chosen;
      enabled = runner.ended ? [] : await advance(runner, onAuto);
      depth++;
    }
    stack.length = depth;
    if (blockedBySleep) {
      pruned++;
      runner.end('stopped', 'Pruned (sleep set).');
      await runner.done;
    } else {
      const result = await runner.done;
      schedules++;
      const o = outcomeOf(result);
      const won = options.win ? checkExpectation(options.win, result).ok : undefined;
      if (won === true) {
        wins.count++;
        wins.first ??= choices;
      }
      const seen = outcomes.get(o.label);
      const traceback = result.reason === 'error' ? result.errors[0]?.traceback : undefined;
      if (seen === undefined) {
        outcomes.set(o.label, { label: o.label, count: 1, ok: o.ok, example: choices, ...(traceback === undefined ? {} : { traceback }), ...(won === undefined ? {} : { win: won }) });
      } else seen.count++;
      if (!o.ok && firstFailure === null) firstFailure = { schedule: choices, label: o.label, message: o.message };
    }
    await pool.drained();
    const now = performance.now();
    if (firstScheduleMs === 0) firstScheduleMs = now - t0;
    if (options.onProgress && now - lastProgress >= 100) {
      lastProgress = now;
      options.onProgress({ schedules, outcomes: outcomes.size, elapsedMs: now - t0 });
    }
    // Backtrack: the deepest point with an untried thread (awake, and within the preemption bound).
    while (stack.length > 0) {
      const top = stack[stack.length - 1] as Point;
      const alt = top.enabled.find(
        (p) => !top.tried.includes(p.tid) && !(prune && top.sleep.has(p.tid)) && (bound === null || top.preemptions + (isPreemption(top, p.tid) ? 1 : 0) <= bound),
      );
      if (alt !== undefined) {
        top.tried.push(alt.tid);
        top.chosen = alt.tid;
        break;
      }
      stack.pop();
    }
    if (stack.length === 0) {
      complete = true;
      break;
    }
  }
  return { outcomes, firstFailure, schedules, pruned, complete, firstScheduleMs, wins };
}

/** Choosing `tid` at this point switches away from a thread that could have gone on. */
function isPreemption(point: Point, tid: number): boolean {
  return point.last !== null && tid !== point.last && point.enabled.some((p) => p.tid === point.last);
}
