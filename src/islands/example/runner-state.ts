/**
 * The example island's one state machine. Everything the runner shows is derived from this
 * state; every change goes through `runnerReducer`, a pure function tested in Node
 * (test/unit/islands/runner-state.test.ts).
 *
 *   idle ──compile──▶ compiling ──run──▶ running ──end──▶ ended
 *     │                   │  ▲             ▲                │
 *     │                   ▼  │ (compile-failed or failed: back where it was, with the message)
 *     └──────────step──▶ stepping ◀───────────────────────────┘
 *     └──────────explore──▶ exploring ──leave──▶ idle / ended
 *
 * Three modes, three views: Run shows run-view.tsx (live counters, output, verdict), Step shows
 * step-view.tsx and Explore explore-view.tsx (both loaded on first use). Stepping and exploring
 * are their own phases: while one is open, Run is not running, and leaving it returns to where
 * the reader was (`idle` or the last run's `ended`).
 *
 * Why a reducer: fourteen independent useState hooks allowed states no reader can be in (a
 * verdict shown while running, a compile error while a run is live); one value cannot.
 */
import type { OutputLine, RunResult } from '../../runtime/host/run.ts';
import type { Telemetry } from '../../runtime/telemetry.ts';
import type { Verdict } from '../../runtime/expectation.ts';
import type { SolvedHow } from './challenge-progress.ts';

export type Phase = 'idle' | 'compiling' | 'running' | 'ended' | 'stepping' | 'exploring';
/** What the reader asked for: the mode a compile leads to. */
export type Mode = 'run' | 'step' | 'explore';

/** The heading over a compile error: what did not happen, in the mode the reader asked for. */
export const NOT_DONE: Record<Mode, string> = { run: 'Not run', step: 'Not stepped', explore: 'Not explored' };

/** What a failure of the machinery stopped: a mode, or opening the editor. */
export type Attempt = Mode | 'edit';
const NOT_DONE_ATTEMPT: Record<Attempt, string> = { ...NOT_DONE, edit: 'Not opened for editing' };

export interface Ended {
  result: RunResult;
  verdict: Verdict;
}

export interface HistoryEntry {
  n: number;
  ok: boolean;
  summary: string;
  wallMs: number;
}

export interface RunnerState {
  phase: Phase;
  /** While compiling: which mode starts once the code compiles. */
  compilingFor: Mode | null;
  /** Number of the current (or last) run, from 1; 0 before the first. */
  runNumber: number;
  /** Output of the current (or last) run. */
  lines: OutputLine[];
  telemetry: Telemetry | null;
  /** The last run's result and verdict, kept while a new compile or step session happens. */
  ended: Ended | null;
  elapsedMs: number;
  /** The last ten runs, oldest first. */
  runs: HistoryEntry[];
  params: Record<string, number>;
  hydrated: boolean;
  editing: boolean;
  hasSavedEdit: boolean;
  /** The last compile's errors, and what it was for (the message says "Not run", "Not stepped" or "Not explored"). */
  compileError: { errors: string; mode: Mode } | null;
  compileMs: number | null;
  /**
   * A failure of the machinery, with its message: a chunk that did not load (the host, a view, the
   * editor, the compiler), e.g. "Not run: the runtime host did not load (TypeError: ...)".
   */
  failure: string | null;
  /** A one-line message under the toolbar (copied link, why a run cannot start). */
  notice: string | null;
  /** A schedule from a shared link, waiting for the reader's "Replay" (opening a link runs nothing). */
  linkSchedule: StepStart | null;
  /** What the step view starts with: step-mode params and, if any, a schedule to replay. */
  stepStart: StepStart | null;
  /**
   * A challenge's progress (challenge-progress.ts, kept in localStorage): the schedule that first
   * won it, or null; and how many hints are shown. Explore is offered only once it is solved.
   */
  solved: readonly number[] | null;
  /** How the recorded win was played (params, on an edit or not); null when unknown. */
  solvedHow: SolvedHow | null;
  hintsShown: number;
}

export interface StepStart {
  /** Thread numbers, one per choice (src/runtime/schedule.ts). Empty: start at the beginning. */
  schedule: readonly number[];
  /** Step-mode parameter values. */
  params: Record<string, number>;
}

export type RunnerAction =
  | { type: 'hydrated'; params: Record<string, number>; hasSavedEdit: boolean }
  | { type: 'param'; name: string; value: number }
  | { type: 'compile'; mode: Mode }
  | { type: 'compile-failed'; errors: string; ms: number }
  | { type: 'compiled'; ms: number }
  /** Something the attempt needed failed to load or start: back to rest, with the message. */
  | { type: 'failed'; attempt: Attempt; message: string }
  | { type: 'run-started'; n: number }
  /** One animation frame of a live run: output that arrived since the last frame, fresh telemetry. */
  | { type: 'frame'; n: number; lines: OutputLine[]; telemetry: Telemetry | null; elapsedMs: number }
  /** The first output line of a run is shown at once, not at the next frame. */
  | { type: 'first-line'; n: number; line: OutputLine }
  | { type: 'run-ended'; n: number; lines: OutputLine[]; telemetry: Telemetry | null; ended: Ended }
  | { type: 'link-schedule'; start: StepStart }
  | { type: 'step-opened'; start: StepStart }
  | { type: 'explore-opened' }
  /** Leaves stepping or exploring (Close in those views). */
  | { type: 'mode-closed' }
  | { type: 'edit-opened' }
  | { type: 'edit-saved' }
  | { type: 'edit-reset' }
  | { type: 'notice'; text: string | null }
  /** The challenge's stored progress changed (a win, a hint, a reset; this tab or another). */
  | { type: 'challenge-progress'; solved: readonly number[] | null; how?: SolvedHow | null; hintsShown: number };

export function initialRunnerState(params: Record<string, number>): RunnerState {
  return {
    phase: 'idle',
    compilingFor: null,
    runNumber: 0,
    lines: [],
    telemetry: null,
    ended: null,
    elapsedMs: 0,
    runs: [],
    params,
    hydrated: false,
    editing: false,
    hasSavedEdit: false,
    compileError: null,
    compileMs: null,
    failure: null,
    notice: null,
    linkSchedule: null,
    stepStart: null,
    solved: null,
    solvedHow: null,
    hintsShown: 0,
  };
}

/** Where the reader returns to after a failed compile or when closing Step/Explore. */
const resting = (s: RunnerState): Phase => (s.ended ? 'ended' : 'idle');

export function runnerReducer(s: RunnerState, a: RunnerAction): RunnerState {
  switch (a.type) {
    case 'hydrated':
      return { ...s, hydrated: true, params: a.params, hasSavedEdit: a.hasSavedEdit };
    case 'param':
      // Parameters are fixed while a run, a step session or an exploration uses them.
      if (s.phase !== 'idle' && s.phase !== 'ended') return s;
      return { ...s, params: { ...s.params, [a.name]: a.value } };
    case 'compile':
      if (s.phase === 'compiling') return s;
      return { ...s, phase: 'compiling', compilingFor: a.mode, failure: null };
    case 'compile-failed':
      if (s.phase !== 'compiling') return s;
      return { ...s, phase: resting(s), compilingFor: null, compileError: { errors: a.errors, mode: s.compilingFor ?? 'run' }, compileMs: a.ms };
    case 'compiled':
      if (s.phase !== 'compiling') return s;
      return { ...s, compileError: null, compileMs: a.ms };
    case 'failed':
      // From the loading phase back to where the reader was; a failed editor leaves the code shown.
      return {
        ...s,
        phase: s.phase === 'compiling' ? resting(s) : s.phase,
        compilingFor: null,
        editing: a.attempt === 'edit' ? false : s.editing,
        failure: `${NOT_DONE_ATTEMPT[a.attempt]}: ${a.message}`,
      };
    case 'run-started':
      return {
        ...s,
        phase: 'running',
        compilingFor: null,
        runNumber: a.n,
        lines: [],
        telemetry: null,
        ended: null,
        elapsedMs: 0,
        notice: null,
        failure: null,
      };
    case 'first-line':
      if (s.phase !== 'running' || a.n !== s.runNumber) return s;
      return { ...s, lines: [a.line] };
    case 'frame':
      if (s.phase !== 'running' || a.n !== s.runNumber) return s;
      return { ...s, lines: a.lines.length ? s.lines.concat(a.lines) : s.lines, telemetry: a.telemetry ?? s.telemetry, elapsedMs: a.elapsedMs };
    case 'run-ended': {
      // A run replaced by a newer one ends silently.
      if (s.phase !== 'running' || a.n !== s.runNumber) return s;
      const { result, verdict } = a.ended;
      return {
        ...s,
        phase: 'ended',
        lines: a.lines.length ? s.lines.concat(a.lines) : s.lines,
        telemetry: a.telemetry ?? s.telemetry,
        ended: a.ended,
        elapsedMs: result.wallMs,
        runs: [...s.runs.slice(-9), { n: a.n, ok: verdict.ok, summary: verdict.message, wallMs: result.wallMs }],
      };
    }
    case 'link-schedule':
      return { ...s, linkSchedule: a.start };
    case 'step-opened':
      if (s.phase === 'running') return s; // the toolbar stops the run first
      // The link's schedule is used (or replaced) once stepping starts.
      return { ...s, phase: 'stepping', compilingFor: null, notice: null, failure: null, stepStart: a.start, linkSchedule: null };
    case 'explore-opened':
      if (s.phase === 'running') return s;
      return { ...s, phase: 'exploring', compilingFor: null, notice: null, failure: null };
    case 'mode-closed':
      if (s.phase !== 'stepping' && s.phase !== 'exploring') return s;
      return { ...s, phase: resting(s) };
    case 'edit-opened':
      return { ...s, editing: true, failure: null };
    case 'edit-saved':
      return { ...s, hasSavedEdit: true };
    case 'edit-reset':
      return { ...s, editing: false, hasSavedEdit: false, compileError: null };
    case 'notice':
      return { ...s, notice: a.text };
    case 'challenge-progress':
      // Reset progress while exploring: Explore was only offered because it was solved.
      return { ...s, solved: a.solved, solvedHow: a.how ?? null, hintsShown: a.hintsShown, phase: a.solved === null && s.phase === 'exploring' ? resting(s) : s.phase };
  }
}

/** Explore is offered for an example with step mode; for a challenge, only after a first win ("see every way to win"). */
export const offersExplore = (s: RunnerState, challenge: boolean): boolean => !challenge || s.solved !== null;

/** Run and Stop as the toolbar shows them. */
export const isBusy = (s: RunnerState): boolean => s.phase === 'running' || s.phase === 'compiling';
/** The live area (counters, output) replaces the recorded output once the reader did anything. */
export const showsLive = (s: RunnerState): boolean =>
  s.lines.length > 0 || s.phase === 'compiling' || s.phase === 'running' || s.phase === 'ended';
