/**
 * How many cores two threads get on this machine right now: the question a racy snippet's test asks
 * before it calls "did not show its point" a failure.
 *
 * A hardware race between two threads (store buffering, Peterson's lock with release/acquire) shows
 * only while both run at the same instant on two cores. When another process keeps a core busy, the
 * two time-share the other and the race cannot happen, however often the snippet is run. The probe
 * spins two worker threads for a fixed time and divides the CPU time they used (this process's
 * CPU time; its other threads are idle meanwhile) by the wall time: about 2 on an idle 2-core
 * machine, about 1.3 with one core busy elsewhere. The best of a few tries counts, so that the test
 * excuses a snippet only when the machine could not give two threads two cores in any of them.
 */
import { Worker } from 'node:worker_threads';

const SPIN = `
const { parentPort, workerData } = require('node:worker_threads');
const go = new Int32Array(workerData.go);
Atomics.wait(go, 0, 0);
const end = Date.now() + workerData.ms;
while (Date.now() < end) {}
parentPort.postMessage('done');
`;

async function once(ms: number): Promise<number> {
  const go = new SharedArrayBuffer(4);
  const workers = [0, 1].map(() => new Worker(SPIN, { eval: true, workerData: { go, ms } }));
  await Promise.all(workers.map((w) => new Promise((r) => w.once('online', r))));
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const finished = Promise.all(workers.map((w) => new Promise((r) => w.once('message', r))));
  const flag = new Int32Array(go);
  Atomics.store(flag, 0, 1);
  Atomics.notify(flag, 0);
  await finished;
  const cpu = process.cpuUsage(cpu0);
  const wall = (performance.now() - t0) * 1000;
  await Promise.all(workers.map((w) => w.terminate()));
  return (cpu.user + cpu.system) / wall;
}

/** Cores two spinning threads got at once (2: one each; about 1.3 with a core busy elsewhere): the best of `tries`. */
export async function coresForTwoThreads(tries = 3, ms = 300): Promise<number> {
  let best = 0;
  for (let t = 0; t < tries; t++) best = Math.max(best, await once(ms));
  return best;
}
