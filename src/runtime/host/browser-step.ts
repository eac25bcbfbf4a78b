/**
 * The browser host's step mode and Explore (docs/stepping.md): a module of its own, so the page
 * loads it on first use of Step or Explore, not with Run.
 *
 *   const { startStepRun } = await import('../runtime/host/browser-step.ts');
 *   const session = startStepRun({ exampleUrl, params: resolveStepParams(meta), expect: meta.step?.expect ?? meta.expect, onChange });
 *   await session.ready; await session.step(1); session.state(); await session.replay('1 1 2 2'); session.stop();
 *   const report = await session.explore({ bound: undefined });   // reuses the session's workers
 */
import { DEFAULT_BASE, browserPlatform } from './browser-host.ts';
import { isolationProblem } from './isolation.ts';
import { compareOutcomes, realRuns, type Comparison, type RealRunsOptions } from './compare.ts';
import { explore as exploreOn, type ExploreOptions, type ExploreReport } from './explore.ts';
import { StepSession, type StepOptions } from './step-session.ts';

export { StepSession };
export { parseSchedule, formatSchedule, formatScheduleRuns, scheduleToParam, stepLink, parseStepLink, exampleAnchor, ScheduleSyntaxError, type Schedule } from '../schedule.ts';
export type { StepState, StepThread, StepRecord, PendingOp, StepOptions, SessionExploreOptions } from './step-session.ts';
export type { ExploreOptions, ExploreReport, ExploreOutcome } from './explore.ts';
export { compareOutcomes, FEW_OUTCOMES_NOTE, type Comparison, type ComparisonRow } from './compare.ts';

export interface BrowserStepOptions extends StepOptions {
  /** URL of the worker entry bundle. Default: DEFAULT_BASE + "worker.js". */
  workerUrl?: string;
}

/**
 * A step session on real Web Workers (the reader is the scheduler). Needs cross-origin isolation
 * (canRunThreads()); otherwise throws the reason (isolation.ts). The session keeps its workers for every
 * reset, replay, undo and explore; stop() ends them.
 */
export function startStepRun(options: BrowserStepOptions): StepSession {
  const problem = isolationProblem('Step mode');
  if (problem !== null) throw new Error(problem);
  const exampleUrl = new URL(options.exampleUrl, location.href).href;
  return new StepSession(browserPlatform(options.workerUrl ?? `${DEFAULT_BASE}worker.js`), { ...options, exampleUrl }, (url) => fetch(url).then((r) => r.text()));
}

export interface BrowserExploreOptions extends ExploreOptions {
  workerUrl?: string;
}

/** Explore on fresh Web Workers (session.explore reuses a session's instead). */
export function explore(options: BrowserExploreOptions): Promise<ExploreReport> {
  const problem = isolationProblem('Explore');
  if (problem !== null) return Promise.reject(new Error(problem));
  const exampleUrl = new URL(options.exampleUrl, location.href).href;
  return exploreOn(browserPlatform(options.workerUrl ?? `${DEFAULT_BASE}worker.js`), { ...options, exampleUrl });
}

/**
 * Side by side: `runs` real parallel Runs (Web Workers, no step hooks) of the explored module with
 * the explored params, compared with the report's outcomes (compare.ts). onRun sees each new label.
 */
export async function compareWithRealRuns(report: ExploreReport, options: RealRunsOptions & { workerUrl?: string }): Promise<Comparison> {
  const problem = isolationProblem('Real runs');
  if (problem !== null) throw new Error(problem);
  const exampleUrl = new URL(options.exampleUrl, location.href).href;
  const labels = await realRuns(browserPlatform(options.workerUrl ?? `${DEFAULT_BASE}worker.js`), { ...options, exampleUrl });
  return compareOutcomes(report, labels);
}
