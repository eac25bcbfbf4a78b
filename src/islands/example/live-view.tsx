/**
 * What a run shows while it goes and after it ends: counters (expected, actual, lost), one
 * progress bar per thread, the output, the verdict, timings and the history of earlier runs.
 * Pure rendering of the state the runner hands it.
 */
import type { CounterInfo, ThreadInfo, DeadlockReport } from '../../runtime/telemetry.ts';
import type { OutputLine, ThreadError } from '../../runtime/host/run.ts';
import type { HistoryEntry } from './runner-state.ts';
import { formatNumber } from '../../runtime/format-number.ts';

const fmt = formatNumber;
const ms = (n: number) => (n < 10 ? n.toFixed(1) : Math.round(n).toString()) + ' ms';

export type { HistoryEntry } from './runner-state.ts';

export function Counters({ counters }: { counters: CounterInfo[] }) {
  if (counters.length === 0) return null;
  return (
    <dl class="ex-counters">
      {counters.map((c) => {
        const lost = c.expected === null ? null : c.expected - c.value;
        return (
          <div class="ex-counter" key={c.name}>
            <dt>{c.name}</dt>
            <dd>
              <span class="ex-actual" data-counter={c.name}>{fmt(c.value)}</span>
              {c.expected !== null && <span class="ex-expected"> of {fmt(c.expected)} expected</span>}
              {lost !== null && lost > 0 && <span class="ex-lost"> · {fmt(lost)} lost so far</span>}
            </dd>
          </div>
        );
      })}
    </dl>
  );
}

export function Threads({ threads }: { threads: ThreadInfo[] }) {
  const shown = threads.filter((t) => t.kind !== 'main' || t.progressTotal > 0);
  if (shown.length === 0) return null;
  return (
    <ul class="ex-threads" aria-label="Threads">
      {shown.map((t) => {
        const pct = t.progressTotal > 0 ? Math.min(100, (100 * t.progress) / t.progressTotal) : t.state === 'done' ? 100 : 0;
        const time = t.startMs !== null && t.endMs !== null ? ms(t.endMs - t.startMs) : null;
        return (
          <li key={t.id} class={`ex-thread state-${t.state}`}>
            <span class="ex-thread-name">{t.name}</span>
            <span class="ex-bar" role="img" aria-label={`${t.name}: ${Math.round(pct)}% done`}>
              <span style={{ width: `${pct}%` }} />
            </span>
            <span class="ex-thread-state">
              {t.state === 'blocked' && t.waitingFor ? `waits for ${t.waitingFor}` : t.state}
              {time && ` · ${time}`}
            </span>
          </li>
        );
      })}
    </ul>
  );
}

export function Output({ lines, live }: { lines: OutputLine[]; live: boolean }) {
  const shown = lines.length > 400 ? lines.slice(-400) : lines;
  return (
    <pre class="ex-output-text" tabIndex={0} aria-label={live ? 'Output of your run' : 'Output'}>
      {lines.length > shown.length && `… ${fmt(lines.length - shown.length)} earlier lines not shown\n`}
      {shown.map((l) => `[${l.thread}] ${l.text}\n`).join('')}
    </pre>
  );
}

export function Deadlock({ report }: { report: DeadlockReport }) {
  return (
    <div class="ex-deadlock">
      <p><strong>Deadlock:</strong> every thread in this cycle waits for a lock another one holds.</p>
      <ol class="ex-cycle">
        {report.cycle.map((e, i) => (
          <li key={i}>
            <strong>{e.thread}</strong> holds <code>{e.holds}</code>, waits for <code>{e.waitsFor}</code>
          </li>
        ))}
      </ol>
    </div>
  );
}

export function Errors({ errors }: { errors: ThreadError[] }) {
  if (errors.length === 0) return null;
  return (
    <div class="ex-errors">
      {errors.map((e, i) => (
        <pre key={i} class="ex-traceback">{e.traceback}</pre>
      ))}
    </div>
  );
}

export function History({ entries }: { entries: HistoryEntry[] }) {
  if (entries.length === 0) return null;
  return (
    <details class="ex-history" open>
      <summary>Your runs ({entries.length})</summary>
      <ol reversed>
        {entries
          .slice()
          .reverse()
          .map((h) => (
            <li key={h.n}>
              <span class={h.ok ? 'ex-ok' : 'ex-bad'}>{h.ok ? '✓' : '✗'}</span> Run {h.n}: {h.summary} ({ms(h.wallMs)})
            </li>
          ))}
      </ol>
    </details>
  );
}
