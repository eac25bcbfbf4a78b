/**
 * Side by side (issue 9, section 4): what Explore says CAN happen next to what real parallel Runs of
 * the same example, with the same step-mode parameters, DID show. Platform-neutral: the browser
 * (browser-step.ts) and Node (scripts/explore.ts, the tests) pass their Platform.
 *
 * One outcome function for both columns: a real run's result is mapped by `outcomeOf` (explore.ts),
 * the same function that labels every explored schedule, so "final total: 3" means the same thing
 * in both. A real run that ends in an outcome Explore did not list is flagged: with a complete
 * search that is a bug (in the explorer, or a step run that is not the same program as Run).
 *
 * Real runs are ordinary Runs (run.ts), no step hooks: fresh workers each, started one run after
 * the other (runs in parallel with each other would only compete for the same cores).
 */
import { formatNumber } from '../format-number.ts';
import { outcomeOf, type ExploreReport } from './explore.ts';
import { Run, type Platform } from './run.ts';

export interface RealRunsOptions {
  /** The compiled example (the same module Explore stepped). */
  exampleUrl: string;
  /** The same parameters as the explored step run. */
  params: Readonly<Record<string, number>>;
  /** How many runs. Default 20. */
  runs?: number;
  /** Per run. Default 10 s. */
  timeLimitMs?: number;
  signal?: AbortSignal;
  /** After each run, with the labels so far. */
  onRun?: (labels: readonly string[]) => void;
}

/** Runs the example `runs` times for real and returns each run's outcome label (outcomeOf), in order. */
export async function realRuns(platform: Platform, options: RealRunsOptions): Promise<string[]> {
  const labels: string[] = [];
  const n = options.runs ?? 20;
  for (let i = 0; i < n && !options.signal?.aborted; i++) {
    const run = new Run(platform, {
      exampleUrl: options.exampleUrl,
      shared: true,
      params: options.params,
      timeLimitMs: options.timeLimitMs ?? 10_000,
    }).start();
    const stop = () => run.stop();
    options.signal?.addEventListener('abort', stop);
    let label: string;
    try {
      label = outcomeOf(await run.done).label;
    } finally {
      options.signal?.removeEventListener('abort', stop);
    }
    // A run stopped by the caller says nothing about the program: not counted.
    if (options.signal?.aborted) break;
    labels.push(label);
    options.onRun?.(labels);
  }
  return labels;
}

export interface ComparisonRow {
  label: string;
  /** Schedules that end so (Explore); null: Explore did not list this outcome. */
  possible: number | null;
  /** Real runs that ended so. */
  seen: number;
  ok: boolean | null;
}

export interface Comparison {
  rows: ComparisonRow[];
  /** Real runs counted. */
  runs: number;
  /** Outcomes seen in real runs that Explore did not list. */
  unlisted: string[];
  /** "possible: 2–4; seen in 20 real runs: 4 (17), 3 (3)". */
  line: string;
  /** Why an unlisted outcome is (or may not be) a bug; null when there is none. */
  warning: string | null;
}

/** "final total: 3" → 3 when the label is one counter's final value, else null. */
export function finalValue(label: string): number | null {
  const m = /^final [^:,]+: (-?\d+)$/.exec(label);
  return m ? Number(m[1]) : null;
}

/** "2–4" (or "4" when all are equal), each number written by `write`. */
function range(nums: readonly number[], write: (n: number) => string): string {
  const lo = Math.min(...nums);
  const hi = Math.max(...nums);
  return lo === hi ? write(lo) : `${write(lo)}–${write(hi)}`;
}

/** How many times each label occurs, in first-seen order. */
function countLabels(labels: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const l of labels) counts.set(l, (counts.get(l) ?? 0) + 1);
  return counts;
}

/** "possible: 2–4" when every outcome is one counter's final value, else the labels. */
export function possibleText(labels: readonly string[]): string {
  const values = labels.map(finalValue);
  if (values.length > 0 && values.every((v) => v !== null)) return `possible: ${range(values as number[], String)}`;
  return `possible: ${labels.join('; ')}`;
}

/** "4 (17), 3 (3)": counts, most frequent first; a counter's final value shown bare. */
export function seenText(labels: readonly string[]): string {
  const counts = countLabels(labels);
  return [...counts].sort((a, b) => b[1] - a[1]).map(([l, c]) => `${finalValue(l) ?? l} (${c})`).join(', ');
}

/**
 * Real runs at a size Explore cannot enumerate (the Run's own parameters), in the same metric:
 * "20 runs, 20 different outcomes: final total 1,203,518–1,994,211". Distinct values are counted,
 * not listed: at a million increments nearly every run ends somewhere else.
 */
export function spreadText(labels: readonly string[]): string {
  const distinct = new Set(labels);
  const head = `${labels.length} run${labels.length === 1 ? '' : 's'}, ${distinct.size} different outcome${distinct.size === 1 ? '' : 's'}`;
  const values = labels.map(finalValue);
  const name = /^final ([^:,]+): /.exec(labels[0] ?? '')?.[1];
  if (labels.length > 0 && values.every((v) => v !== null) && labels.every((l) => l.startsWith(`final ${name}: `))) {
    return `${head}: final ${name} ${range(values as number[], formatNumber)}`;
  }
  return `${head}: ${seenText(labels)}`;
}

/** One row per outcome: Explore's outcomes in its order, then outcomes only real runs showed. */
export function compareOutcomes(report: Pick<ExploreReport, 'outcomes' | 'complete'>, seen: readonly string[]): Comparison {
  const counts = countLabels(seen);
  const rows: ComparisonRow[] = report.outcomes.map((o) => ({ label: o.label, possible: o.count, seen: counts.get(o.label) ?? 0, ok: o.ok }));
  const listed = new Set(report.outcomes.map((o) => o.label));
  const unlisted = [...counts.keys()].filter((l) => !listed.has(l)).sort();
  for (const l of unlisted) rows.push({ label: l, possible: null, seen: counts.get(l) ?? 0, ok: null });
  const line = `${possibleText(report.outcomes.map((o) => o.label))}; seen in ${seen.length} real run${seen.length === 1 ? '' : 's'}: ${seenText(seen) || 'none'}`;
  let warning: string | null = null;
  if (unlisted.length > 0) {
    warning = report.complete
      ? `BUG: real runs ended in ${unlisted.join('; ')}, which Explore did not find in its complete search. The explorer missed a schedule, or the step run is not the same program as Run. Please report it.`
      : `Real runs ended in ${unlisted.join('; ')}, which Explore did not find; its search was not complete (bounded or stopped at the limit), so it may not have reached that schedule.`;
  }
  return { rows, runs: seen.length, unlisted, line, warning };
}

/** The lesson in one sentence, for the page and the terminal. */
export const FEW_OUTCOMES_NOTE =
  'Real runs at step-mode sizes mostly show one outcome: the threads start about a millisecond apart and each finishes its few operations in microseconds, ' +
  'so the window where an update can be lost is rarely hit. The interleavings Explore lists exist even when you never see them.';
