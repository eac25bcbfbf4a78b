/**
 * The event-loop island: the page's own event loop, stalled by CPU work on its thread and left
 * running when the same work goes to a Web Worker. A requestAnimationFrame heartbeat (a moving mark
 * and a beat counter) shows the loop turning; each button measures the longest gap between
 * heartbeats around one bounded computation, and the two results stand side by side, measured in
 * the same session. No runtime host and no shared memory: a plain dedicated worker from a
 * same-origin URL (the CSP's worker-src 'self'), created for one computation and terminated after.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { Announcer } from './example/announcer.ts';
import { countPrimesFor, type ComputeRequest, type ComputeResult } from './event-loop/busy-work.ts';
import { Heartbeat, gapStats, typicalFrameMs, type GapStats } from './event-loop/heartbeat.ts';
import { formatNumber } from '../runtime/format-number.ts';

/** How long the computation runs: long enough to see, short enough never to look like a hang. */
const WORK_MS = 1200;
/** Heartbeats recorded before and after the computation, so a gap at either edge is measured whole. */
const MARGIN_MS = 300;
/** One sweep of the moving mark across its track. */
const SWEEP_MS = 2000;
/** Heartbeats wanted before the computation starts (and twice as many in all) for a measurement. */
const MIN_BEATS = 3;
/** The live "longest gap" looks this far back. */
const RECENT_MS = 3000;

type Where = 'page' | 'worker';
type Phase = 'idle' | 'measuring';

interface Measurement extends GapStats {
  primes: number;
  computedMs: number;
}

const LABELS: Record<Where, string> = {
  page: "On the page's thread",
  worker: 'In a worker',
};

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The computation in a dedicated worker, which is terminated when it replies, fails or is abandoned. */
function computeInWorker(ms: number, track: (w: Worker | null) => void): Promise<ComputeResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./event-loop/busy-worker.ts', import.meta.url), { type: 'module', name: 'event-loop-figure' });
    track(worker);
    const end = () => {
      worker.terminate();
      track(null);
    };
    worker.onmessage = (e: MessageEvent<ComputeResult>) => {
      end();
      resolve(e.data);
    };
    worker.onerror = (e) => {
      end();
      reject(new Error(e.message || 'the worker could not be started'));
    };
    worker.postMessage({ type: 'compute', ms } satisfies ComputeRequest);
  });
}

const fmtMs = (ms: number) => `${formatNumber(Math.round(ms))} ms`;

export default function EventLoopStall() {
  const [hydrated, setHydrated] = useState(false);
  const [phase, setPhase] = useState<Phase>('idle');
  const [running, setRunning] = useState<Where | null>(null);
  const [results, setResults] = useState<Partial<Record<Where, Measurement>>>({});
  const [notice, setNotice] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const root = useRef<HTMLDivElement>(null);
  const mark = useRef<HTMLSpanElement>(null);
  const beats = useRef<HTMLSpanElement>(null);
  const lag = useRef<HTMLSpanElement>(null);
  const heart = useRef<Heartbeat | null>(null);
  const worker = useRef<Worker | null>(null);
  const announcer = useRef<Announcer | null>(null);

  useEffect(() => {
    setHydrated(true);
    announcer.current = new Announcer(setAnnouncement);
    let count = 0;
    let last = 0;
    const recent: { at: number; gap: number }[] = [];
    // The indicator is written straight to the DOM on every frame: a re-render per frame would be
    // work on the very thread being measured.
    const hb = new Heartbeat((now) => {
      count++;
      if (last > 0) recent.push({ at: now, gap: now - last });
      last = now;
      while (recent.length > 0 && recent[0]!.at < now - RECENT_MS) recent.shift();
      if (mark.current) mark.current.style.transform = `translateX(${((now % SWEEP_MS) / SWEEP_MS) * 100}cqi)`;
      if (count % 4 !== 0) return;
      if (beats.current) beats.current.textContent = formatNumber(count);
      if (lag.current) lag.current.textContent = fmtMs(recent.reduce((m, r) => Math.max(m, r.gap), 0));
    });
    heart.current = hb;
    // Beat only while the figure is on screen (and the tab visible, where browsers run frames at all).
    const seen = new IntersectionObserver(([entry]) => (entry?.isIntersecting ? hb.start() : hb.stop()));
    if (root.current) seen.observe(root.current);
    return () => {
      seen.disconnect();
      hb.stop();
      worker.current?.terminate();
      announcer.current?.dispose();
    };
  }, []);

  async function measure(where: Where): Promise<void> {
    const hb = heart.current;
    if (!hb || phase === 'measuring') return;
    setNotice(null);
    setPhase('measuring');
    setRunning(where);
    hb.start(); // measuring needs the heartbeat even if the observer has not reported yet
    const hiddenAtStart = document.visibilityState === 'hidden';
    let hidden = hiddenAtStart;
    const onVisibility = () => (hidden ||= document.visibilityState === 'hidden');
    document.addEventListener('visibilitychange', onVisibility);
    try {
      hb.record();
      await wait(MARGIN_MS);
      // A browser may take a moment to paint its first frames (a window just shown, a slow
      // compositor): measure only once the heartbeat is beating.
      for (let waited = 0; hb.recorded < MIN_BEATS && waited < 2000; waited += 50) await wait(50);
      let done: ComputeResult;
      if (where === 'page') {
        // A task of its own, after the "computing" state has been painted: from here until it
        // returns, this thread runs nothing else, frames included.
        done = await new Promise<ComputeResult>((resolve) => setTimeout(() => resolve(countPrimesFor(WORK_MS)), 0));
      } else {
        done = await computeInWorker(WORK_MS, (w) => (worker.current = w));
      }
      await wait(MARGIN_MS);
      const stamps = hb.takeRecording();
      if (hidden) {
        setNotice('The tab was hidden during the measurement, and browsers paint no frames in a hidden tab, so it measured nothing useful. Measure again with the tab in view.');
        return;
      }
      if (stamps.length < MIN_BEATS * 2) {
        setNotice(`The browser painted only ${stamps.length} frames during the measurement, too few to time the gaps between them (is the window minimized, or the tab in the background?). Measure again with the page in view.`);
        return;
      }
      const stats = gapStats(stamps, typicalFrameMs(stamps));
      const m: Measurement = { ...stats, primes: done.primes, computedMs: done.ms };
      setResults((r) => ({ ...r, [where]: m }));
      announcer.current?.say(
        `${LABELS[where]}: the longest gap between frames was ${fmtMs(m.longestMs)}, ${formatNumber(m.missedFrames)} frames missed, while it computed for ${fmtMs(m.computedMs)}.`,
      );
    } catch (e) {
      setNotice(`The worker failed: ${e instanceof Error ? e.message : String(e)}. This figure needs module workers (Chrome 80, Firefox 114, Safari 15 and later).`);
    } finally {
      hb.takeRecording();
      document.removeEventListener('visibilitychange', onVisibility);
      setPhase('idle');
      setRunning(null);
    }
  }

  const page = results.page;
  const inWorker = results.worker;
  const busy = phase === 'measuring';
  return (
    <div
      class="el-lab"
      ref={root}
      data-hydrated={hydrated ? '' : undefined}
      data-phase={phase}
      data-longest-page={page ? page.longestMs.toFixed(1) : undefined}
      data-longest-worker={inWorker ? inWorker.longestMs.toFixed(1) : undefined}
      data-computed-page={page ? page.computedMs.toFixed(1) : undefined}
      data-computed-worker={inWorker ? inWorker.computedMs.toFixed(1) : undefined}
    >
      {hydrated && (
        <>
          <div class="el-heartbeat">
            <span class="el-track" aria-hidden="true">
              <span class="el-mark" ref={mark} />
            </span>
            <p class="el-beats">
              Heartbeats: <span ref={beats}>0</span> · longest gap in the last 3 s: <span ref={lag}>0 ms</span>
              {running && <span class="el-running"> · computing {running === 'page' ? "on the page's thread" : 'in a worker'}…</span>}
            </p>
          </div>
          <div class="el-buttons">
            <button type="button" class="el-run" data-where="page" onClick={() => void measure('page')} disabled={busy}>
              Compute on the page's thread
            </button>
            <button type="button" class="el-run" data-where="worker" onClick={() => void measure('worker')} disabled={busy}>
              Compute in a worker
            </button>
          </div>
        </>
      )}
      {notice && <p class="el-notice">{notice}</p>}
      <table class="el-table">
        <caption>Heartbeats around {fmtMs(WORK_MS)} of counting primes</caption>
        <thead>
          <tr>
            <th scope="col">Where the work ran</th>
            <th scope="col">Longest gap between frames</th>
            <th scope="col">Frames missed</th>
            <th scope="col">Primes found</th>
          </tr>
        </thead>
        <tbody>
          {(['page', 'worker'] as const).map((where) => {
            const m = results[where];
            return (
              <tr key={where} data-row={where}>
                <th scope="row">{LABELS[where]}</th>
                <td data-cell="longest">{m ? fmtMs(m.longestMs) : '–'}</td>
                <td>{m ? formatNumber(m.missedFrames) : '–'}</td>
                <td>{m ? formatNumber(m.primes) : '–'}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {page && inWorker && (
        <p class="el-summary" data-summary>
          With the work on the page's thread, the page went {fmtMs(page.longestMs)} without a frame; with the same work in a worker, its
          longest gap was {fmtMs(inWorker.longestMs)}, {formatNumber(Math.round(page.longestMs / Math.max(1, inWorker.longestMs)))} times
          shorter.
        </p>
      )}
      <p class="visually-hidden" role="status" aria-live="polite">
        {announcement}
      </p>
    </div>
  );
}
