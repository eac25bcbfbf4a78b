/**
 * The speedup island: for 1..N threads (N = max(4, the reader's logical cores), at most 12) it runs
 * the same CPU-bound and I/O-bound tasks in the GIL model's three modes on real workers and charts
 * the speedup over one thread, with the wall times as a table. Nothing runs before the reader asks.
 */
import { useEffect, useState } from 'preact/hooks';
import { MODES, MODE_LABELS, runLab, type GilLabProps, type ModeName } from './gil/lab.ts';
import { useGilLab } from './gil/use-lab.ts';

type Phase = 'idle' | 'running' | 'ended';
type Workload = 'cpu' | 'io';
const WORKLOADS: { key: Workload; label: string }[] = [
  { key: 'cpu', label: 'CPU-bound tasks' },
  { key: 'io', label: 'I/O-bound tasks' },
];
/** Wall seconds by workload, mode and thread count. */
type Times = Record<Workload, Record<ModeName, (number | undefined)[]>>;
const MAX_N = 12;
const COLOURS: Record<ModeName, string> = { gil: '#c2410c', 'free-threaded': '#1b7f3b', processes: '#2563eb' };
const DASH: Record<ModeName, string> = { gil: '', 'free-threaded': '6 3', processes: '2 3' };

function emptyTimes(): Times {
  const m = () => ({ gil: [], 'free-threaded': [], processes: [] }) as Record<ModeName, (number | undefined)[]>;
  return { cpu: m(), io: m() };
}

/** Speedup of n tasks on n threads over one task on one thread with the GIL (the sequential cost). */
function speedup(t: Times, w: Workload, mode: ModeName, n: number): number | undefined {
  const one = t[w].gil[1];
  const tn = t[w][mode][n];
  return one === undefined || tn === undefined ? undefined : (n * one) / tn;
}

function Chart({ times, w, n }: { times: Times; w: Workload; n: number }) {
  const W = 320;
  const H = 220;
  const pad = { l: 36, r: 10, t: 10, b: 30 };
  const yMax = Math.max(2, n);
  const x = (i: number) => pad.l + ((i - 1) / Math.max(1, n - 1)) * (W - pad.l - pad.r);
  const y = (v: number) => H - pad.b - (Math.min(v, yMax) / yMax) * (H - pad.t - pad.b);
  const ticks = Array.from({ length: yMax + 1 }, (_, i) => i).filter((i) => yMax <= 6 || i % 2 === 0);
  return (
    <svg class="gil-chart" viewBox={`0 0 ${W} ${H}`} role="img" aria-label={`Speedup of ${w === 'cpu' ? 'CPU-bound' : 'I/O-bound'} tasks by threads; the same data is in the table below.`}>
      {ticks.map((v) => (
        <g key={v}>
          <line x1={pad.l} x2={W - pad.r} y1={y(v)} y2={y(v)} class="gil-grid" />
          <text x={pad.l - 6} y={y(v) + 4} text-anchor="end">{v}×</text>
        </g>
      ))}
      {Array.from({ length: n }, (_, i) => i + 1).map((i) => (
        <text key={i} x={x(i)} y={H - pad.b + 16} text-anchor="middle">{i}</text>
      ))}
      <text x={(W + pad.l) / 2} y={H - 2} text-anchor="middle">threads (or processes)</text>
      <line x1={x(1)} y1={y(1)} x2={x(n)} y2={y(n)} class="gil-ideal" />
      {MODES.map((m) => {
        const pts = Array.from({ length: n }, (_, i) => i + 1).flatMap((i) => {
          const s = speedup(times, w, m, i);
          return s === undefined ? [] : [[x(i), y(s)] as const];
        });
        if (pts.length === 0) return null;
        return (
          <g key={m} data-mode={m}>
            <polyline points={pts.map((p) => p.join(',')).join(' ')} fill="none" stroke={COLOURS[m]} stroke-width="2.5" stroke-dasharray={DASH[m]} />
            {pts.map(([px, py], i) => <circle key={i} cx={px} cy={py} r="3" fill={COLOURS[m]} />)}
          </g>
        );
      })}
    </svg>
  );
}

export default function GilSpeedup(props: GilLabProps) {
  const { hydrated, notice, announcement, run, cancelled, root, begin, stop, say } = useGilLab();
  const [phase, setPhase] = useState<Phase>('idle');
  const [times, setTimes] = useState<Times>(emptyTimes);
  const [cores, setCores] = useState(0);
  const [progress, setProgress] = useState('');

  useEffect(() => setCores(navigator.hardwareConcurrency || 0), []);

  const n = Math.min(MAX_N, Math.max(4, cores || 4));

  async function start(): Promise<void> {
    if (!begin()) return;
    setPhase('running');
    const t = emptyTimes();
    setTimes(t);
    const total = 2 * 3 * n;
    let done = 0;
    say(`Measuring ${total} runs on your ${cores || 'unknown number of'} cores.`);
    for (const w of WORKLOADS) {
      for (let i = 1; i <= n; i++) {
        for (const m of MODES) {
          if (cancelled.current) break;
          setProgress(`Run ${done + 1} of ${total}: ${w.label.toLowerCase()}, ${i} × ${MODE_LABELS[m].toLowerCase()}`);
          const outcome = await runLab(
            props,
            { mode: MODES.indexOf(m), threads: i, workload: w.key === 'cpu' ? 0 : 1, chunks: 600, ioOps: 4, ioMs: 25 },
            (r) => (run.current = r),
          );
          done++;
          if (outcome.main) {
            t[w.key][m][i] = outcome.main.seconds;
            setTimes({ cpu: { ...t.cpu }, io: { ...t.io } });
          }
          say(`${done} of ${total} runs measured.`);
        }
      }
    }
    setProgress(cancelled.current ? 'Stopped.' : '');
    setPhase('ended');
    const s2 = speedup(t, 'cpu', 'gil', 2);
    const p2 = speedup(t, 'cpu', 'processes', 2);
    say(
      cancelled.current ? 'Measurement stopped.' : `Done. Two CPU-bound threads with the GIL: ${s2?.toFixed(2) ?? '?'} times one thread; two processes: ${p2?.toFixed(2) ?? '?'} times.`,
    );
  }

  const running = phase === 'running';
  const counts = Array.from({ length: n }, (_, i) => i + 1);
  return (
    <div class="gil-lab gil-speedup" ref={root} data-phase={phase} data-hydrated={hydrated ? '' : undefined}>
      {hydrated && (
        <div class="gil-controls">
          <div class="gil-buttons">
            <button type="button" class="gil-run" onClick={() => void start()} disabled={running}>{phase === 'ended' ? 'Re-run' : 'Run'}</button>
            <button type="button" class="gil-stop" onClick={stop} disabled={!running}>Stop</button>
          </div>
          <p class="gil-cores">
            Your browser reports <strong data-cores={cores}>{cores || 'an unknown number of'}</strong> logical cores; measuring 1 to {n} threads
            {cores > MAX_N ? ` (capped at ${MAX_N})` : ''}.
          </p>
          {running && <p class="gil-progress">{progress}</p>}
        </div>
      )}
      {notice && <p class="gil-notice">{notice}</p>}
      <ul class="gil-legend" aria-label="Lines">
        {MODES.map((m) => (
          <li key={m}>
            <svg width="28" height="10" aria-hidden="true"><line x1="0" y1="5" x2="28" y2="5" stroke={COLOURS[m]} stroke-width="2.5" stroke-dasharray={DASH[m]} /></svg> {MODE_LABELS[m]}
          </li>
        ))}
        <li><svg width="28" height="10" aria-hidden="true"><line x1="0" y1="5" x2="28" y2="5" class="gil-ideal" /></svg> Ideal (n×)</li>
      </ul>
      <div class="gil-charts">
        {WORKLOADS.map((w) => (
          <figure key={w.key} data-workload={w.key}>
            <figcaption>{w.label}: speedup over one thread</figcaption>
            <Chart times={times} w={w.key} n={n} />
          </figure>
        ))}
      </div>
      {WORKLOADS.map((w) => (
        <table key={w.key} class="gil-table" data-workload={w.key}>
          <caption>{w.label}: wall time (speedup)</caption>
          <thead>
            <tr>
              <th scope="col">Threads</th>
              {MODES.map((m) => <th scope="col" key={m}>{MODE_LABELS[m]}</th>)}
            </tr>
          </thead>
          <tbody>
            {counts.map((i) => (
              <tr key={i}>
                <th scope="row">{i}</th>
                {MODES.map((m) => {
                  const sec = times[w.key][m][i];
                  const s = speedup(times, w.key, m, i);
                  return <td key={m} data-mode={m}>{sec === undefined ? '–' : `${Math.round(sec * 1000)} ms (${s?.toFixed(2) ?? '?'}×)`}</td>;
                })}
              </tr>
            ))}
          </tbody>
        </table>
      ))}
      <p class="visually-hidden" role="status" aria-live="polite">{announcement}</p>
    </div>
  );
}
