/**
 * Explore mode's view (issue 9, section 4): runs the example's step run under every schedule (the
 * engine's explore, src/runtime/host/explore.ts, on Web Workers) and shows how many there were,
 * the histogram of outcomes, the first schedule that breaks the program (a button steps through
 * it), and, side by side, what real parallel Runs of the same program and parameters gave:
 * a table with one row per outcome, "possible: 2–4; seen in 20 real runs: 4 (20)" (compare.ts, the
 * same outcome function as Explore's). Loaded on the first Explore.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { ExploreReport } from '../../runtime/host/browser-step.ts';
import type { Expectation } from '../../runtime/example-meta.ts';
import { formatSchedule } from '../../runtime/schedule.ts';
import { compareOutcomes, FEW_OUTCOMES_NOTE, possibleText, spreadText } from '../../runtime/host/compare.ts';
import { formatNumber } from '../../runtime/format-number.ts';
import type { StepStart } from './runner-state.ts';

export interface ExploreViewProps {
  moduleUrl: string;
  workerUrl: string;
  expect: Expectation;
  /** A challenge's win: the report then counts winning schedules, and each outcome says win or not. */
  win?: Expectation | null;
  params: Record<string, number>;
  /** The Run's parameters (the article's size): a second comparison, in the same metric, at a size Explore cannot enumerate. */
  runParams: Record<string, number>;
  onStepThrough: (start: StepStart) => void;
  onClose: () => void;
}

const REAL_RUNS = 20;

interface RealRuns {
  labels: string[];
  running: boolean;
  error: string | null;
}

export default function ExploreView(props: ExploreViewProps) {
  const [progress, setProgress] = useState<string>('Starting…');
  const [report, setReport] = useState<ExploreReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [real, setReal] = useState<RealRuns | null>(null);
  const [large, setLarge] = useState<RealRuns | null>(null);
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

  /** Side by side: the same module and params, run for real REAL_RUNS times (no step hooks). */
  async function compare(r: ExploreReport, params: Record<string, number>, set: (runs: RealRuns) => void): Promise<void> {
    set({ labels: [], running: true, error: null });
    let seen: string[] = [];
    try {
      const { compareWithRealRuns } = await import('../../runtime/host/browser-step.ts');
      await compareWithRealRuns(r, {
        exampleUrl: props.moduleUrl,
        workerUrl: props.workerUrl,
        params,
        runs: REAL_RUNS,
        signal: abort.current.signal,
        onRun: (labels) => {
          seen = [...labels];
          if (!abort.current.signal.aborted) set({ labels: seen, running: true, error: null });
        },
      });
      if (!abort.current.signal.aborted) set({ labels: seen, running: false, error: null });
    } catch (e) {
      if (!abort.current.signal.aborted) set({ labels: seen, running: false, error: (e as Error).message });
    }
  }

  const params = paramText(props.params);
  // The larger comparison: the Run's parameters, where they differ from the step run's.
  const runParams = Object.fromEntries(Object.keys(props.params).map((k) => [k, props.runParams[k] ?? (props.params[k] as number)]));
  const larger = Object.keys(runParams).some((k) => runParams[k] !== props.params[k]);
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
                {o.traceback && <pre class="ex-traceback" data-explore-traceback>{o.traceback}</pre>}
              </li>
            ))}
          </ul>
          {report.firstFailure && (
            <p class="ex-explore-failure">
              First failing schedule: <code data-first-failure>{formatSchedule(report.firstFailure.schedule)}</code> ({report.firstFailure.label}).
            </p>
          )}
          {report.pruning && <p class="ex-explore-pruning">{report.pruning.method}: {report.pruning.schedules} schedules run{report.pruning.unpruned !== null && ` instead of ${report.pruning.unpruned}`}.</p>}
          {!real ? (
            <p>
              {possibleText(report.outcomes.map((o) => o.label))}.{' '}
              <button type="button" class="ex-explore-compare" onClick={() => void compare(report, props.params, setReal)}>
                Compare with {REAL_RUNS} real runs
              </button>
            </p>
          ) : (
            <SideBySide report={report} real={real} params={params} />
          )}
          {real && !real.running && larger && (!large ? (
            <p>
              <button type="button" class="ex-explore-compare-large" onClick={() => void compare(report, runParams, setLarge)}>
                Also run {REAL_RUNS} at the Run's size ({paramText(runParams)})
              </button>
            </p>
          ) : (
            <p role="status" class="ex-compare-large" data-compare-large={large.running ? 'running' : 'done'}>
              {large.running ? `Real run ${large.labels.length + 1} of ${REAL_RUNS} at ${paramText(runParams)}…`
                : large.error ? `Real runs stopped: ${large.error}`
                : `At ${paramText(runParams)}, too many schedules to explore; seen in ${spreadText(large.labels)}.`}
            </p>
          ))}
        </div>
      )}
      <div class="ex-step-controls">
        <button type="button" class="ex-explore-close" onClick={props.onClose}>Close Explore</button>
      </div>
    </div>
  );
}

/** Possible (Explore) next to seen (real runs): one row per outcome, unlisted outcomes flagged. */
function SideBySide({ report, real, params }: { report: ExploreReport; real: RealRuns; params: string }) {
  const c = compareOutcomes(report, real.labels);
  const status = real.running ? `Real run ${real.labels.length + 1} of ${REAL_RUNS}…` : real.error ? `Real runs stopped: ${real.error}` : `${c.line}.`;
  return (
    <div class="ex-compare" data-compare-status={real.running ? 'running' : real.error ? 'error' : 'done'} data-compare-runs={c.runs}>
      <p role="status" data-explore-side>{status}</p>
      {c.warning && <p class="ex-notice ex-bad" role="alert" data-compare-warning><strong>{c.warning}</strong></p>}
        <table class="ex-compare-table">
          <caption>
            Possible outcomes (Explore, {report.schedules} schedules{report.complete ? '' : ', not every one'}) and outcomes
            seen in {c.runs} real parallel {c.runs === 1 ? 'run' : 'runs'} ({params || 'no parameters'})
          </caption>
          <thead>
            <tr><th scope="col">Outcome</th><th scope="col">Possible (schedules)</th><th scope="col">Seen (real runs)</th></tr>
          </thead>
          <tbody>
            {c.rows.map((row) => (
              <tr key={row.label} class={row.possible === null ? 'ex-bad' : undefined} data-outcome={row.label}>
                <th scope="row">{row.label}</th>
                <td data-possible>{row.possible === null ? 'not found by Explore ✗' : row.possible}</td>
                <td data-seen>{row.seen}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr><th scope="row">Total</th><td>{report.schedules}</td><td data-seen-total>{c.runs}</td></tr>
          </tfoot>
        </table>
      {!real.running && <p class="ex-explore-note">{FEW_OUTCOMES_NOTE}</p>}
    </div>
  );
}

function paramText(params: Record<string, number>): string {
  return Object.entries(params).map(([k, v]) => `${k} = ${formatNumber(v)}`).join(', ');
}
