/**
 * What the GIL islands share: their props, loading the runtime host on the first Run (never on page
 * load), and one run of the lab example (content/examples/gil-lab/lab.ts) with its printed JSON parsed.
 */
import type { Run } from '../../runtime/host/browser-host.ts';
import type { RunResult } from '../../runtime/host/run.ts';
import { hostModule } from '../host.ts';

/** Props of every GIL island (plain data, serialised into the page by Astro). */
export interface GilLabProps {
  /** URL of the compiled lab example, e.g. "/_interleave/examples/gil-lab/lab.js". */
  moduleUrl: string;
  /** URL of the worker entry bundle. */
  workerUrl: string;
  /** Element id prefix, unique on the page. */
  anchor: string;
}

export const MODES = ['gil', 'free-threaded', 'processes'] as const;
export type ModeName = (typeof MODES)[number];
export const MODE_LABELS: Record<ModeName, string> = {
  gil: 'Threads with the GIL',
  'free-threaded': 'Free-threaded threads',
  processes: 'Processes (a GIL each)',
};


/** Parameters of content/examples/gil-lab/lab.ts (all numbers; see its meta). */
export interface LabParams {
  mode: number;
  threads: number;
  workload: number;
  chunks?: number;
  ioOps?: number;
  ioMs?: number;
  intervalUs?: number;
  sequential?: number;
}

export interface LabOutcome {
  result: RunResult;
  /** The lab's result line: { case, mode, workers, tasks, seconds, handoffs, forced }. */
  main: { case: string; seconds: number; handoffs: number; forced: number } | null;
  /** The convoy's latency line, if any. */
  latency: { meanLateMs: number; p95LateMs: number; maxLateMs: number; ops: number } | null;
}

/**
 * Starts one lab run; `onStart` receives the handle (for Stop and per-frame reads) and the run's epoch
 * (host clock, ms; the model's timestamps are µs since it), taken just before the run is created.
 */
export async function runLab(props: GilLabProps, params: LabParams, onStart?: (run: Run, epochMs: number) => void): Promise<LabOutcome> {
  const host = await hostModule();
  (globalThis as { interleaveHost?: { liveWorkers(): number } }).interleaveHost = { liveWorkers: host.liveWorkers };
  const full: Record<string, number> = { chunks: 1000, ioOps: 5, ioMs: 20, intervalUs: 5000, sequential: 0, ...params };
  const epochMs = performance.timeOrigin + performance.now();
  const run = host.startRun({ exampleUrl: props.moduleUrl, workerUrl: props.workerUrl, needs: 'threads', params: full, timeLimitMs: 60_000 });
  onStart?.(run, epochMs);
  const result = await run.done;
  let main: LabOutcome['main'] = null;
  let latency: LabOutcome['latency'] = null;
  for (const line of result.output) {
    if (!line.text.startsWith('{')) continue;
    try {
      const j = JSON.parse(line.text) as Record<string, unknown>;
      if ('case' in j) main = j as LabOutcome['main'];
      if (j['io'] === 'latency') latency = j as unknown as LabOutcome['latency'];
    } catch {
      // Not one of the lab's lines.
    }
  }
  return { result, main, latency };
}

export function prefersReducedMotion(): boolean {
  return typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;
}
