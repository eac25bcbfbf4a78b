/**
 * Entry of every Web Worker the browser host starts (MainThread, threads, processes). Bundled on its
 * own (worker.js) with `interleave` external, so it imports the same runtime module (runtime.js) as
 * the example: one runtime instance per worker.
 */
import { __boot, __handleHostMessage, __mapFrames } from 'interleave';
import type { HostToWorker, WorkerToHost } from '../protocol.ts';

/** The part of DedicatedWorkerGlobalScope used here (the project's lib is DOM, not WebWorker). */
interface WorkerScope {
  postMessage(message: unknown): void;
  addEventListener<T>(type: 'message', listener: (e: MessageEvent<T>) => void, options?: { once: boolean }): void;
}

const scope = globalThis as unknown as WorkerScope;

const platform = {
  port: { post: (m: WorkerToHost) => scope.postMessage(m) },
  importModule: (url: string) => import(/* @vite-ignore */ url) as Promise<Record<string, unknown>>,
  // Every engine's stack points into the compiled JS; map it to the example's TypeScript lines.
  mapFrames: (frames: Parameters<typeof __mapFrames>[0]) => __mapFrames(frames, (url) => fetch(url).then((r) => r.text())),
};

// A step run's workers are reused (docs/stepping.md): each further 'init' is the next run.
scope.addEventListener('message', (e: MessageEvent<HostToWorker>) => {
  if (e.data.type === 'init') void __boot(e.data, platform);
  else __handleHostMessage(e.data);
});
