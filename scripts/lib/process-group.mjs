// @ts-check
/**
 * Child programs started in a process group of their own (Xvfb, WebKitWebDriver with the
 * MiniBrowser and web processes it starts), so that one signal to the group ends every process in
 * it, and ended again when this Node process exits for any reason (a failed test run, Ctrl+C, an
 * uncaught error): a test run never leaves a browser behind.
 */
import { spawn } from 'node:child_process';

/** @type {Set<import('node:child_process').ChildProcess>} */
const live = new Set();

/**
 * Signals every process of the child's group, the leader included if it is still there.
 * @param {import('node:child_process').ChildProcess} child @param {NodeJS.Signals} signal
 */
function killGroup(child, signal) {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // No process of the group is left.
  }
}

let hooked = false;
function hookExit() {
  if (hooked) return;
  hooked = true;
  process.once('exit', () => {
    for (const child of live) killGroup(child, 'SIGKILL');
  });
  for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM', 'SIGHUP'])) {
    process.once(signal, () => {
      for (const child of live) killGroup(child, 'SIGKILL');
      // Whoever else listens (Vitest) decides how to end; alone, end as the signal would have.
      if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
    });
  }
}

/**
 * Starts `command` as the leader of a new process group.
 * @param {string} command @param {string[]} args @param {import('node:child_process').SpawnOptions} options
 */
export function spawnGroup(command, args, options) {
  hookExit();
  const child = spawn(command, args, { ...options, detached: true });
  live.add(child);
  const exited = new Promise((resolve) => child.once('exit', resolve));
  return {
    child,
    exited,
    /** SIGTERM to the whole group, SIGKILL after `graceMs` if anything is left; resolves when the leader is gone. */
    async stop(graceMs = 3000) {
      killGroup(child, 'SIGTERM');
      const timer = setTimeout(() => killGroup(child, 'SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
      // The leader may be gone while others of its group are not (a web process still closing).
      killGroup(child, 'SIGKILL');
      live.delete(child);
    },
  };
}
