/**
 * Entry of a Process in the Node host: a real child process (child_process.fork with structured-clone
 * IPC). It shares no memory with the run; it talks to the host only by messages (print, ProcessQueue,
 * Pipe), which is exactly what a Process may do.
 */
import { __boot as boot, __handleHostMessage as handleHostMessage } from 'interleave';
import type { HostToWorker, InitMessage } from '../protocol.ts';

process.setSourceMapsEnabled(true);

const send = (m: unknown): void => {
  process.send?.(m);
};

process.once('message', (init: InitMessage) => {
  process.on('message', (m: HostToWorker) => handleHostMessage(m));
  void boot(init, {
    port: { post: send },
    importModule: (url) => import(url) as Promise<Record<string, unknown>>,
  }).then((code) => {
    process.exitCode = code;
    // Let the host's IPC drain, then leave: nothing else keeps a finished process alive.
    process.disconnect();
  });
});
