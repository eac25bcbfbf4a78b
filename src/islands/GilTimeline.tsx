/**
 * The GIL timeline island: runs the lab example (the GIL model on real workers) and draws, live, one
 * lane per Python thread coloured by state, read from shared memory every animation frame (no
 * messages). Mode (GIL / free-threaded / processes), workload and switch interval are the reader's.
 *
 * Static first: before hydration the page shows the legend and what the figure will show; the runtime
 * host loads on the first Run. With prefers-reduced-motion the lanes are drawn once, at the end.
 */
import { useRef, useState } from 'preact/hooks';
import { LaneState } from '../runtime/gil/layout.ts';
import { RingReader, describeStats, findBlock, readGilStats } from '../runtime/gil/telemetry.ts';
import { STATE_COLOURS, STATE_LABELS, canvasHeight, drawTimeline } from './gil/draw.ts';
import { MODES, MODE_LABELS, prefersReducedMotion, runLab, type GilLabProps, type ModeName } from './gil/lab.ts';
import { useGilLab } from './gil/use-lab.ts';

type Phase = 'idle' | 'running' | 'ended';
const WORKLOADS = [
  { value: 0, label: 'CPU-bound' },
  { value: 1, label: 'I/O-bound' },
  { value: 2, label: 'One I/O thread, the rest CPU-bound' },
] as const;
const INTERVALS_MS = [0.5, 1, 5, 20, 50];

export default function GilTimeline(props: GilLabProps) {
  const frame = useRef(0);
  const { hydrated, notice, announcement, run, root, begin, stop, say } = useGilLab(() => cancelAnimationFrame(frame.current));
  const [phase, setPhase] = useState<Phase>('idle');
  const [mode, setMode] = useState<ModeName>('gil');
  const [workload, setWorkload] = useState(0);
  const [threads, setThreads] = useState(2);
  const [intervalMs, setIntervalMs] = useState(5);
  const [summary, setSummary] = useState('');
  const [lanes, setLanes] = useState(0);
  const [segments, setSegments] = useState(0);
  const canvas = useRef<HTMLCanvasElement>(null);
  const runs = useRef(0);

  async function start(): Promise<void> {
    if (!begin()) return;
    run.current?.stop();
    cancelAnimationFrame(frame.current);
    const n = ++runs.current;
    setPhase('running');
    setSummary('');
    say(`Timeline run ${n} started: ${threads} threads, ${MODE_LABELS[mode].toLowerCase()}.`);
    const reduced = prefersReducedMotion();
    let reader: RingReader | null = null;
    let heap: Int32Array | null = null;
    let names: string[] = [];
    let spanUs = 500_000;
    let t0 = 0;
    let epochMs = 0;

    const draw = (final: boolean) => {
      const c = canvas.current;
      const r = run.current;
      if (!c || !r || !heap) return;
      if (reader === null) {
        const base = findBlock(heap);
        if (base === null) return;
        reader = new RingReader(heap, base);
      }
      reader.poll();
      const segs = reader.segments;
      const first = segs.flatMap((s) => (s[0] ? [s[0].startUs] : []));
      if (first.length === 0) return;
      t0 = Math.min(...first);
      let latest = t0;
      for (const s of segs) for (const x of s) latest = Math.max(latest, x.endUs < 0 ? x.startUs : x.endUs);
      const nowUs = final ? latest : Math.max(latest, (performance.timeOrigin + performance.now() - epochMs) * 1000);
      // The window grows by half when the run outlasts it, so the scale changes rarely.
      while (nowUs - t0 > spanUs) spanUs = Math.ceil((spanUs * 1.5) / 100_000) * 100_000;
      if (final) spanUs = Math.max(100_000, Math.ceil((latest - t0) / 100_000) * 100_000);
      const tids = reader.tids();
      names = tids.map((t) => r.names.threads.get(t) ?? `T${t}`);
      const dpr = globalThis.devicePixelRatio || 1;
      const width = c.clientWidth || 640;
      const height = canvasHeight(segs.length);
      if (c.width !== Math.round(width * dpr) || c.height !== Math.round(height * dpr)) {
        c.width = Math.round(width * dpr);
        c.height = Math.round(height * dpr);
        c.style.height = `${height}px`;
      }
      const ctx = c.getContext('2d');
      if (!ctx) return;
      ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
      const cs = getComputedStyle(c);
      drawTimeline(ctx, width, segs, {
        names,
        t0,
        spanUs,
        nowUs,
        handoffs: mode !== 'free-threaded',
        fg: cs.color || '#222',
        grid: cs.outlineColor || '#ccc',
      });
      setLanes(segs.length);
      setSegments(segs.reduce((s, x) => s + x.length, 0));
    };

    const tick = () => {
      if (!reduced) draw(false);
      else if (reader === null && heap !== null) {
        const base = findBlock(heap);
        if (base !== null) reader = new RingReader(heap, base);
      }
      // Even without drawing, keep reading: the rings hold the last 4096 transitions per thread.
      if (reduced && reader !== null) reader.poll();
      if (run.current && !run.current.ended) frame.current = requestAnimationFrame(tick);
    };

    const outcome = await runLab(
      props,
      {
        mode: MODES.indexOf(mode),
        threads,
        workload,
        chunks: workload === 0 ? 1200 : 0,
        ioOps: workload === 1 ? 8 : 60,
        ioMs: workload === 1 ? 25 : 2,
        intervalUs: Math.round(intervalMs * 1000),
      },
      (r, epoch) => {
        run.current = r;
        epochMs = epoch;
        heap = r.heap ? new Int32Array(r.heap) : null;
        frame.current = requestAnimationFrame(tick);
      },
    );
    if (runs.current !== n) return; // a newer run replaced this one
    cancelAnimationFrame(frame.current);
    draw(true);
    const stats = heap && findBlock(heap) !== null ? readGilStats(heap, findBlock(heap) as number) : null;
    const text =
      outcome.result.reason !== 'finished'
        ? outcome.result.message
        : stats
          ? describeStats(stats, (l) => names[l.lane] ?? `T${l.lane + 1}`)
          : 'The run ended before the model started.';
    setSummary(text);
    setPhase('ended');
    say(`Timeline run ${n} finished. ${text}`);
  }

  const running = phase === 'running';
  return (
    <div class="gil-lab gil-timeline" ref={root} data-phase={phase} data-hydrated={hydrated ? '' : undefined} data-lanes={lanes} data-segments={segments}>
      {hydrated && (
        <div class="gil-controls">
          <fieldset disabled={running}>
            <legend>Interpreter</legend>
            {MODES.map((m) => (
              <label key={m}>
                <input type="radio" name={`${props.anchor}-mode`} value={m} checked={mode === m} onChange={() => setMode(m)} /> {MODE_LABELS[m]}
              </label>
            ))}
          </fieldset>
          <fieldset disabled={running}>
            <legend>Program</legend>
            <label>
              Workload{' '}
              <select value={workload} onChange={(e) => setWorkload(Number((e.currentTarget as HTMLSelectElement).value))}>
                {WORKLOADS.map((w) => <option key={w.value} value={w.value}>{w.label}</option>)}
              </select>
            </label>
            <label>
              Threads{' '}
              <select value={threads} onChange={(e) => setThreads(Number((e.currentTarget as HTMLSelectElement).value))}>
                {[1, 2, 3, 4, 6, 8].map((n) => <option key={n} value={n}>{n}</option>)}
              </select>
            </label>
            <label>
              Switch interval{' '}
              <select value={intervalMs} onChange={(e) => setIntervalMs(Number((e.currentTarget as HTMLSelectElement).value))}>
                {INTERVALS_MS.map((v) => <option key={v} value={v}>{v} ms{v === 5 ? ' (default)' : ''}</option>)}
              </select>
            </label>
          </fieldset>
          <div class="gil-buttons">
            <button type="button" class="gil-run" onClick={() => void start()}>{running ? 'Restart' : phase === 'ended' ? 'Run again' : 'Run'}</button>
            <button type="button" class="gil-stop" onClick={stop} disabled={!running}>Stop</button>
          </div>
        </div>
      )}
      <ul class="gil-legend" aria-label="Colours">
        {[LaneState.RUNNING, LaneState.WAITING, LaneState.IO].map((s) => (
          <li key={s}><span class="gil-swatch" style={{ background: STATE_COLOURS[s] }} /> {STATE_LABELS[s]}</li>
        ))}
        <li><span class="gil-swatch gil-tick" /> GIL hand-off</li>
      </ul>
      <canvas ref={canvas} class="gil-canvas" role="img" aria-label={summary || 'GIL timeline: press Run to draw one lane per thread.'} height={40} />
      {notice && <p class="gil-notice">{notice}</p>}
      <p class="gil-summary" data-summary>{summary || (hydrated ? 'Press Run: the lanes are drawn as the threads run.' : '')}</p>
      <p class="visually-hidden" role="status" aria-live="polite">{announcement}</p>
    </div>
  );
}
