/**
 * The convoy-effect island: one I/O-bound thread makes many short blocking calls; after each, it
 * needs the GIL back. Alone it gets it at once. Beside a CPU-bound thread it waits until its timed
 * wait runs out (the switch interval) and the holder is forced to drop the GIL, on every call.
 * Measured on real workers, three ways: alone, beside a CPU-bound thread with the GIL, and the same
 * free-threaded.
 */
import { useState } from 'preact/hooks';
import { runLab, type GilLabProps } from './gil/lab.ts';
import { useGilLab } from './gil/use-lab.ts';

type Phase = 'idle' | 'running' | 'ended';
interface Row {
  key: string;
  label: string;
  mode: number;
  threads: number;
  mean?: number;
  p95?: number;
  seconds?: number;
}
const OPS = 60;
const IO_MS = 2;

const initialRows = (): Row[] => [
  { key: 'alone', label: 'I/O thread alone (GIL)', mode: 0, threads: 1 },
  { key: 'gil', label: 'Beside a CPU-bound thread, with the GIL', mode: 0, threads: 2 },
  { key: 'free', label: 'Beside a CPU-bound thread, free-threaded', mode: 1, threads: 2 },
];

export default function GilConvoy(props: GilLabProps) {
  const { hydrated, notice, announcement, run, cancelled, root, begin, stop, say } = useGilLab();
  const [phase, setPhase] = useState<Phase>('idle');
  const [rows, setRows] = useState<Row[]>(initialRows);
  const [intervalMs, setIntervalMs] = useState(5);

  async function start(): Promise<void> {
    if (!begin()) return;
    setPhase('running');
    const next = initialRows();
    setRows(next);
    say('Measuring the convoy effect: three runs.');
    for (const row of next) {
      if (cancelled.current) break;
      const out = await runLab(
        props,
        { mode: row.mode, threads: row.threads, workload: 2, ioOps: OPS, ioMs: IO_MS, intervalUs: Math.round(intervalMs * 1000) },
        (r) => (run.current = r),
      );
      if (out.latency) {
        row.mean = out.latency.meanLateMs;
        row.p95 = out.latency.p95LateMs;
      }
      if (out.main) row.seconds = out.main.seconds;
      setRows([...next]);
    }
    setPhase('ended');
    const alone = next[0]?.mean;
    const gil = next[1]?.mean;
    say(
      alone !== undefined && gil !== undefined
        ? `Each ${IO_MS} ms I/O call got the GIL back ${gil.toFixed(1)} ms late beside a CPU-bound thread, ${alone.toFixed(1)} ms late alone.`
        : 'Measurement ended.',
    );
  }

  const max = Math.max(1, ...rows.map((r) => r.p95 ?? 0));
  const running = phase === 'running';
  const alone = rows[0];
  const gil = rows[1];
  return (
    <div class="gil-lab gil-convoy" ref={root} data-phase={phase} data-hydrated={hydrated ? '' : undefined}>
      {hydrated && (
        <div class="gil-controls">
          <label>
            Switch interval{' '}
            <select value={intervalMs} disabled={running} onChange={(e) => setIntervalMs(Number((e.currentTarget as HTMLSelectElement).value))}>
              {[1, 5, 20].map((v) => <option key={v} value={v}>{v} ms{v === 5 ? ' (default)' : ''}</option>)}
            </select>
          </label>
          <div class="gil-buttons">
            <button type="button" class="gil-run" onClick={() => void start()} disabled={running}>{phase === 'ended' ? 'Run again' : 'Run'}</button>
            <button type="button" class="gil-stop" onClick={stop} disabled={!running}>Stop</button>
          </div>
        </div>
      )}
      {notice && <p class="gil-notice">{notice}</p>}
      <table class="gil-table gil-convoy-table">
        <caption>How late each of {OPS} blocking I/O calls of {IO_MS} ms got the GIL back</caption>
        <thead>
          <tr>
            <th scope="col">Run</th>
            <th scope="col">Mean delay</th>
            <th scope="col">95th percentile</th>
            <th scope="col">Total time</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key} data-row={r.key}>
              <th scope="row">{r.label}</th>
              <td>
                {r.mean === undefined ? '–' : `${r.mean.toFixed(2)} ms`}
                {r.mean !== undefined && <span class="gil-bar" aria-hidden="true" style={{ width: `${Math.max(1, (r.mean / max) * 100)}%` }} />}
              </td>
              <td>{r.p95 === undefined ? '–' : `${r.p95.toFixed(2)} ms`}</td>
              <td>{r.seconds === undefined ? '–' : `${Math.round(r.seconds * 1000)} ms`}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {phase === 'ended' && alone?.mean !== undefined && gil?.mean !== undefined && (
        <p class="gil-summary" data-summary>
          Beside a CPU-bound thread, every {IO_MS} ms I/O call came back {gil.mean.toFixed(1)} ms late on average ({alone.mean.toFixed(2)} ms alone): the I/O
          thread waits out most of a {intervalMs} ms switch interval before the CPU-bound thread is made to drop the GIL.
        </p>
      )}
      <p class="visually-hidden" role="status" aria-live="polite">{announcement}</p>
    </div>
  );
}
