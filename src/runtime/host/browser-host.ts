/**
 * The browser host: the page side of a run. It creates and owns EVERY Worker of a run (MainThread,
 * threads, processes), so it can end them all at once, and nothing outlives a run. It never blocks
 * (the page's main thread may not call Atomics.wait); it reads the run's heap with Atomics.load.
 *
 * Usage (an island):
 *
 *   import { startRun, canRunThreads } from '../runtime/host/browser-host.ts';
 *   const run = startRun({
 *     exampleUrl: '/_interleave/examples/race-conditions/counter-race.js',
 *     needs: 'threads', params: { threads: 2, n: 1_000_000 }, timeLimitMs: 10_000,
 *     onOutput: (line) => ..., onEnd: (result) => ...,
 *   });
 *   requestAnimationFrame(function frame() { const t = run.telemetry(); ...; if (!run.ended) requestAnimationFrame(frame); });
 *   run.stop();
 *
 * Threads need shared memory, which needs cross-origin isolation (COOP + COEP headers). Without it, a
 * 'threads' example is refused with the reason isolation.ts finds (the run ends at once with reason
 * 'error'); a 'messages' example runs without a heap.
 */
import type { HostToWorker, InitMessage, Role, WorkerToHost } from '../protocol.ts';
import type { Telemetry } from '../telemetry.ts';
import { canRunThreads, isolationProblem } from './isolation.ts';
import { Run, type OutputLine, type Platform, type RunResult, type WorkerEvents, type WorkerHandle } from './run.ts';
export { Run };

export type { OutputLine, RunResult, EndReason, ThreadError } from './run.ts';
export type { Telemetry, ThreadInfo, LockInfo, CounterInfo, DeadlockReport } from '../telemetry.ts';

/** Where compile-examples put the runtime, the worker entry and the examples. Default base. */
export const DEFAULT_BASE = '/_interleave/';

export { canRunThreads, isolationProblem } from './isolation.ts';

/** Why a thread run is refused here (isolation.ts words each reason). */
const refusal = (): string => isolationProblem('This example') ?? 'This example needs shared memory (SharedArrayBuffer), and this page has none.';

export interface StartOptions {
  /** URL of the compiled example, e.g. "/_interleave/examples/race-conditions/counter-race.js", or a blob: URL. */
  exampleUrl: string;
  /** From the example's meta. 'threads' is refused without cross-origin isolation. Default: 'threads'. */
  needs?: 'threads' | 'messages';
  /** Parameter values for main (already resolved against meta.params). Default: {}. */
  params?: Readonly<Record<string, number>>;
  /** Default: 10000 (meta.timeLimitMs). */
  timeLimitMs?: number;
  /** Same as needs: true = 'threads', false = 'messages' (needs wins if both are given). */
  shared?: boolean;
  /** URL of the worker entry bundle. Default: DEFAULT_BASE + "worker.js". */
  workerUrl?: string;
  /** Every output line, in print order, as it arrives. */
  onOutput?: (line: OutputLine) => void;
  /** Once, when the run ends for any reason. */
  onEnd?: (result: RunResult) => void;
}

/** What startRun returns (implemented by Run, run.ts). */
export interface RunHandle {
  /** Ends every worker of the run now (reason 'stopped'). Safe to call twice or after the end. */
  stop(): void;
  /** Live thread states, lock owners and counters from shared memory; null without shared memory. Call per frame. */
  telemetry(): Telemetry | null;
  /** Workers of this run still alive (0 after the end). */
  liveWorkers(): number;
  readonly ended: boolean;
  /** Resolves with the result when the run ends (same object as onEnd receives). */
  readonly done: Promise<RunResult>;
  /** The run's heap, for readers that want the raw words (layout.ts). Null without shared memory. */
  readonly heap: SharedArrayBuffer | null;
}

const allWorkers = new Set<Worker>();

/** Workers alive across all runs on this page (for leak tests: 0 between runs). */
export function liveWorkers(): number {
  return allWorkers.size;
}

/** Web Workers for a run's threads (also the step host's platform, browser-step.ts). */
export function browserPlatform(workerUrl: string): Platform {
  return {
    spawn(_role: Role, init: InitMessage, events: WorkerEvents): WorkerHandle {
      const worker = new Worker(workerUrl, { type: 'module', name: init.name });
      allWorkers.add(worker);
      worker.onmessage = (e: MessageEvent<WorkerToHost>) => events.onMessage(e.data);
      worker.onerror = (e: ErrorEvent) => {
        e.preventDefault();
        // A worker whose script does not load (a 404, a MIME type, the CSP) fires a bare `error`
        // event, with no message in Firefox and WebKit: name the script so the reader sees what failed.
        events.onExit(e.message ? `the worker could not start: ${e.message}` : `the worker could not start: its script ${workerUrl} did not load`, 1);
      };
      worker.onmessageerror = () => events.onExit('a message could not be deserialized', 1);
      worker.postMessage(init);
      return {
        post: (m: HostToWorker) => worker.postMessage(m),
        terminate: () => {
          worker.terminate();
          allWorkers.delete(worker);
        },
      };
    },
  };
}

/** Starts a run of a compiled example in Web Workers. The returned Run is the handle (see RunHandle). */
export function startRun(options: StartOptions): Run {
  const shared = canRunThreads();
  const needs = options.needs ?? (options.shared === false ? 'messages' : 'threads');
  const run = new Run(browserPlatform(options.workerUrl ?? `${DEFAULT_BASE}worker.js`), {
    exampleUrl: new URL(options.exampleUrl, location.href).href,
    shared,
    ...(options.params ? { params: options.params } : {}),
    ...(options.timeLimitMs !== undefined ? { timeLimitMs: options.timeLimitMs } : {}),
    ...(options.onOutput ? { onOutput: options.onOutput } : {}),
    ...(options.onEnd ? { onEnd: options.onEnd } : {}),
  });
  // Refused runs still end through onEnd (on the next microtask), so the caller has one code path.
  return needs === 'threads' && !shared ? run.refuse(refusal()) : run.start();
}

/** Alias of startRun. */
export const startBrowserRun = startRun;

