/**
 * Explore mode's view (issue 9, section 4): runs the example's step run under every schedule (the
 * engine's explore, src/runtime/host/explore.ts, on Web Workers) and shows how many there were,
 * the histogram of outcomes, the first schedule that breaks the program (a button steps through
 * it), and, side by side, what real parallel Runs of the same program and parameters gave:
 * "possible: 2–4; seen in 20 real runs: 4 (20)". Loaded on the first Explore.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { ExploreReport } from '../../runtime/host/browser-step.ts';
import type { Expectation } from '../../runtime/example-meta.ts';
import { formatSchedule } from '../../runtime/schedule.ts';
import type { StepStart } from './runner-state.ts';

export interface ExploreViewProps {
  moduleUrl: string;
  workerUrl: string;
  expect: Expectation;
  /** A challenge's win: the report then counts winning schedules, and each outcome says win or not. */
  win?: Expectation | null;
  params: Record<string, number>;
  onStepThrough: (start: StepStart) => void;
  onClose: () => void;
}

const REAL_RUNS = 20;

/** "final total: 3" → 3 when every outcome is one counter's final value; else null. */
function finalValue(label: string): number | null {
  const m = /^final [^:,]+: (-?\d+)$/.exec(label);
  return m ? Number(m[1]) : null;
}

/** "possible: 2–4" for numeric outcomes, else the labels. */
export function possibleText(labels: string[]): string {
  const values = labels.map(finalValue);
  if (values.length > 0 && values.every((v) => v !== null)) {
    const nums = values as number[];
    const lo = Math.min(...nums);
    const hi = Math.max(...nums);
    return `possible: ${lo === hi ? lo : `${lo}–${hi}`}`;
  }
  return `possible: ${labels.join('; ')}`;
}

/** "4 (17), 3 (3)": counts of labels, most frequent first, values shown bare when numeric. */
export function seenText(labels: string[]): string {
  const counts = new Map<string, number>();
  for (const l of labels) counts.set(l, (counts.get(l) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1]).map(([l, c]) => `${finalValue(l) ?? l} (${c})`).join(', ');
}

export default function ExploreView(props: ExploreViewProps) {
  const [progress, setProgress] = useState<string>('Starting…');
  const [report, setReport] = useState<ExploreReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [real, setReal] = useState<{ labels: string[]; running: boolean } | null>(null);
  const abort = useRef(new AbortController());

  useEffect(() => {
    void (async () => {
      try {
        const { explore } = await import('../../runtime/host/browser-step.ts');
        const r = await explore({
          exampleUrl: props.moduleUrl,
          workerUrl: props.workerUrl,
          params: props.params,
          expect: props.expect,
          ...(props.win ? { win: props.win } : {}),
          signal: abort.current.signal,
          onProgress: (p) => setProgress(`${p.schedules} schedules, ${p.outcomes} outcomes so far…`),
        });
        if (!abort.current.signal.aborted) setReport(r);
      } catch (e) {
        if (!abort.current.signal.aborted) setError((e as Error).message);
      }
    })();
    return () => abort.current.abort();
  }, []);

  async function compare(): Promise<void> {
    const { startRun } = await import('../../runtime/host/browser-host.ts');
    const { outcomeOf } = await import('../../runtime/host/explore.ts');
    const labels: string[] = [];
    setReal({ labels, running: true });
    for (let i = 0; i < REAL_RUNS && !abort.current.signal.aborted; i++) {
      const run = startRun({ exampleUrl: props.moduleUrl, workerUrl: props.workerUrl, params: props.params, timeLimitMs: 10_000 });
      const result = await run.done;
      labels.push(outcomeOf(result).label);
      setReal({ labels: [...labels], running: i < REAL_RUNS - 1 });
    }
  }

  const params = Object.entries(props.params).map(([k, v]) => `${k} = ${v}`).join(', ');
  return (
    <div class="ex-explore" data-explore-status={report ? 'done' : error ? 'error' : 'running'}
      data-schedules={report?.schedules} data-schedules-per-second={report ? Math.round(report.schedulesPerSecond) : undefined}>
      <p class="ex-step-intro">
        Explore runs this program under every schedule of its step run ({params || 'no parameters'}) and
        sorts the endings.
      </p>
      {!report && !error && <p role="status">{progress}</p>}
      {error && <p class="ex-notice ex-bad">Explore stopped: {error}</p>}
      {report && (
        <div class="ex-explore-report">
          <p data-explore-summary>
            <strong>{report.schedules}</strong> {report.method === 'exhaustive' ? 'schedules (every one)' : `schedules (preemption bound ${report.bound})`}
            {!report.complete && ', stopped at the limit'} in {Math.round(report.elapsedMs)} ms
            ({Math.round(report.schedulesPerSecond)} per second). {report.summary}.
          </p>
          {report.wins && (
            <p class="ex-explore-wins" data-explore-wins={report.wins.count}>
              <strong>{report.wins.count} of {report.schedules}</strong> schedules win the challenge; {report.schedules - report.wins.count} do not.
            </p>
          )}
          <p data-explore-histogram>{report.histogram}</p>
          <ul class="ex-explore-outcomes">
            {report.outcomes.map((o) => (
              <li key={o.label} class={(o.win ?? o.ok) ? 'ex-ok' : 'ex-bad'} data-win={o.win === undefined ? undefined : String(o.win)}>
                {o.win === undefined ? (o.ok ? '✓' : '✗') : o.win ? '✓ wins:' : '✗ no win:'} {o.label}: {o.count} {o.count === 1 ? 'schedule' : 'schedules'}{' '}
                <button type="button" onClick={() => props.onStepThrough({ schedule: o.example, params: props.params })}>
                  Step through one ({o.example.length} steps)
                </button>
              </li>
            ))}
          </ul>
          {report.firstFailure && (
            <p class="ex-explore-failure">
              First failing schedule: <code data-first-failure>{formatSchedule(report.firstFailure.schedule)}</code> ({report.firstFailure.label}).
            </p>
          )}
          {report.pruning && <p class="ex-explore-pruning">{report.pruning.method}: {report.pruning.schedules} schedules run{report.pruning.unpruned !== null && ` instead of ${report.pruning.unpruned}`}.</p>}
          <p class="ex-explore-side" data-explore-side>
            {possibleText(report.outcomes.map((o) => o.label))}
            {real && real.labels.length > 0 && `; seen in ${real.labels.length} real runs: ${seenText(real.labels)}`}
            {real?.running && ' (running…)'}
          </p>
          {!real && (
            <button type="button" class="ex-explore-compare" onClick={() => void compare()}>
              Compare with {REAL_RUNS} real parallel runs
            </button>
          )}
        </div>
      )}
      <div class="ex-step-controls">
        <button type="button" class="ex-explore-close" onClick={props.onClose}>Close Explore</button>
      </div>
    </div>
  );
}
