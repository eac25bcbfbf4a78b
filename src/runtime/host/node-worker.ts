/**
 * Entry of every thread (and MainThread) worker in the Node host: a worker_threads Worker. Bundled by
 * node-host.ts like the browser entry: `interleave` resolves to the same runtime bundle the compiled
 * example imports, so the worker has one runtime instance.
 */
import { parentPort } from 'node:worker_threads';
import { __boot as boot, __handleHostMessage as handleHostMessage } from 'interleave';
import type { HostToWorker, WorkerToHost } from '../protocol.ts';

// Stack traces at TypeScript lines: the compiled example carries an inline source map.
process.setSourceMapsEnabled(true);

const port = parentPort;
if (port === null) throw new Error('node-worker.ts must run in a worker_threads Worker');

const platform = {
  port: { post: (m: WorkerToHost) => port.postMessage(m) },
  importModule: (url: string) => import(url) as Promise<Record<string, unknown>>,
};
// A step run's workers are reused (docs/stepping.md): each further 'init' is the next run.
port.on('message', (m: HostToWorker) => {
  if (m.type === 'init') void boot(m, platform);
  else handleHostMessage(m);
});
