/**
 * Run mode's view: while a run goes and after it ends, the live counters, thread bars, the
 * deadlock cycle, tracebacks, output, verdict and the history of runs; before the reader runs
 * anything, the output recorded at build time. The parts live in live-view.tsx.
 */
import type { ExampleProps } from './types.ts';
import type { RunnerState } from './runner-state.ts';
import { showsLive } from './runner-state.ts';
import { Counters, Deadlock, Errors, History, Output, Threads } from './live-view.tsx';

export function RunView({ state, exercise, recorded }: { state: RunnerState; exercise: boolean; recorded: ExampleProps['recorded'] }) {
  if (!showsLive(state)) return <RecordedView recorded={recorded} exercise={exercise} />;
  const { ended, telemetry } = state;
  const counters = telemetry?.counters ?? ended?.result.counters ?? [];
  const threads = telemetry?.threads ?? ended?.result.threads ?? [];
  return (
    <div class="ex-live">
      <Counters counters={counters} />
      <Threads threads={threads} />
      {ended?.result.deadlock && <Deadlock report={ended.result.deadlock} />}
      <Errors errors={ended?.result.errors ?? []} />
      <Output lines={state.lines} live />
      {ended && (
        <p class={`ex-verdict ${ended.verdict.ok ? 'ex-ok' : 'ex-bad'}`}>
          {/* A deadlock's cycle is drawn above and named in the verdict: say it once. */}
          {ended.result.reason === 'deadlock' ? '' : `${ended.result.message} `}
          {exercise
            ? ended.verdict.ok ? 'Exercise solved' : 'Not solved yet'
            : ended.verdict.ok ? 'Shows what it claims' : 'Does not show what it claims'}:{' '}
          {ended.verdict.message}. Wall time {Math.round(ended.result.wallMs)} ms.
        </p>
      )}
      <History entries={state.runs} />
    </div>
  );
}

function RecordedView({ recorded, exercise }: { recorded: ExampleProps['recorded']; exercise: boolean }) {
  return (
    <figure class="ex-recorded">
      <figcaption>Output recorded when the site was built ({recorded.where})</figcaption>
      <pre class="ex-output-text" tabIndex={0}>{recorded.lines.join('\n')}</pre>
      <p class={`ex-verdict ${recorded.ok ? 'ex-ok' : 'ex-bad'}`}>
        {recorded.message} {exercise && !recorded.ok ? 'Not solved yet (as shipped): ' : ''}
        {recorded.verdict}.
      </p>
    </figure>
  );
}
