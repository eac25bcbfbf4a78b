/**
 * npm run bench — measures the runtime on this machine, in one run, and prints:
 *   - uncontended Lock acquire+release (ns) vs a bare compareExchange+store pair, and the ratio;
 *   - 2-thread contended lock throughput;
 *   - the counter examples' `total.value += 1` on a SharedInt vs the same load+store on a bare array;
 *   - Queue throughput, threads (shared-memory ring buffer) vs processes (messages);
 *   - postMessage round trip vs shared-memory (Atomics.wait/notify) ping-pong latency;
 *   - start-up time: worker vs child process (raw, and through Thread/Process).
 * A script, not a test: the numbers are noisy (2 cores) and are reported, not asserted.
 */
import { fork } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { runExample, type ExampleRun } from '../src/runtime/host/node-host.ts';

// A benchmark measures; it must not be cut off by the examples' 10 s limit on a busy shared machine.
const LONG = { timeLimitMs: 600_000 };
const fixture = (name: string): string => fileURLToPath(new URL(`../test/unit/runtime/fixtures/${name}.ts`, import.meta.url));

function benchLine(run: ExampleRun): Record<string, number | boolean> {
  const line = run.result.output.find((l) => l.text.startsWith('BENCH '));
  if (line === undefined) throw new Error(`${run.id}: no BENCH line (${run.result.message})\n${run.result.output.map((l) => l.text).join('\n')}`);
  return JSON.parse(line.text.slice(6)) as Record<string, number | boolean>;
}

const fmt = (n: number, digits = 1): string => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const num = (v: number | boolean | undefined): number => (typeof v === 'number' ? v : NaN);

console.log('Interleave runtime benchmark (Node host; worker_threads for threads, child processes for processes)\n');

// 1. Uncontended lock.
const lock = benchLine(await runExample(fixture('bench-lock'), LONG));
const lockNs = num(lock['lockNs']);
const bareNs = num(lock['bareNs']);
console.log(`uncontended Lock acquire+release   ${fmt(lockNs, 2)} ns`);
console.log(`bare compareExchange + store       ${fmt(bareNs, 2)} ns`);
console.log(`ratio                              ${fmt(lockNs / bareNs, 2)}x (target <= 1.5x)\n`);

// 2. Contended lock, 2 threads x 1e6.
const contended = await runExample(fixture('lock-counter'), { ...LONG, params: { threads: 2, n: 1_000_000 } });
const lanes = contended.result.threads.filter((t) => t.kind === 'thread');
const span = Math.max(...lanes.map((t) => t.endMs ?? 0)) - Math.min(...lanes.map((t) => t.startMs ?? 0));
console.log(`2-thread contended Lock            ${fmt(2_000_000 / span / 1000, 2)} M acquisitions/s (2 x 1,000,000 in ${fmt(span)} ms, exact: ${contended.verdict.ok}, sleeps ${contended.result.lockWaits}, notifies ${contended.result.notifyCount})\n`);

// 2b. The counter: one thread's `total.value += 1` (the line step mode hooks), and the unlocked
// race itself, 2 threads x 1,000,000 (what a reader's Run does).
const counter = benchLine(await runExample(fixture('bench-counter'), LONG));
console.log(`SharedInt total.value += 1         ${fmt(num(counter['counterNs']), 2)} ns (exact: ${counter['ok']})`);
console.log(`bare Atomics.load + Atomics.store  ${fmt(num(counter['bareNs']), 2)} ns`);
// The article's own example, not a copy: its progress() calls are part of what a Run costs.
const race = await runExample(fileURLToPath(new URL('../content/examples/race-conditions/counter-race.ts', import.meta.url)), { ...LONG, params: { threads: 2, n: 1_000_000 } });
const raceLanes = race.result.threads.filter((t) => t.kind === 'thread');
const raceSpan = Math.max(...raceLanes.map((t) => t.endMs ?? 0)) - Math.min(...raceLanes.map((t) => t.startMs ?? 0));
console.log(`2-thread unlocked counter race     ${fmt(2_000_000 / raceSpan / 1000, 2)} M increments/s (2 x 1,000,000 in ${fmt(raceSpan)} ms)\n`);

// 3. Queue throughput.
const qt = benchLine(await runExample(fixture('bench-queue-threads'), LONG));
const qp = benchLine(await runExample(fixture('bench-queue-processes'), LONG));
console.log(`Queue, thread -> thread            ${fmt(num(qt['itemsPerSecond']) / 1000, 0)} k items/s (shared-memory ring buffer, correct: ${qt['ok']})`);
console.log(`ProcessQueue, process -> process   ${fmt(num(qp['itemsPerSecond']) / 1000, 0)} k items/s (messages through the host, correct: ${qp['ok']})`);
console.log(`ratio                              ${fmt(num(qt['itemsPerSecond']) / num(qp['itemsPerSecond']), 1)}x\n`);

// 4. Latency: postMessage round trip vs shared-memory ping-pong (raw worker_threads).
const ROUNDS = 20_000;
{
  const echo = new Worker("const { parentPort } = require('node:worker_threads'); parentPort.on('message', (m) => parentPort.postMessage(m));", { eval: true });
  await new Promise<void>((resolve) => {
    let i = 0;
    let t0 = 0;
    echo.on('message', () => {
      if (++i === 1000) t0 = performance.now(); // warm-up
      if (i === 1000 + ROUNDS) {
        console.log(`postMessage round trip             ${fmt(((performance.now() - t0) * 1000) / ROUNDS, 2)} µs`);
        resolve();
      } else echo.postMessage(i);
    });
    echo.postMessage(0);
  });
  await echo.terminate();

  const sab = new SharedArrayBuffer(8);
  const pong = new Worker(
    `const { workerData } = require('node:worker_threads'); const w = new Int32Array(workerData);
     for (;;) { Atomics.wait(w, 0, 0); Atomics.store(w, 0, 0); Atomics.notify(w, 0); }`,
    { eval: true, workerData: sab },
  );
  const pingCode = `const { workerData, parentPort } = require('node:worker_threads'); const w = new Int32Array(workerData.sab);
     const ping = () => { Atomics.store(w, 0, 1); Atomics.notify(w, 0); while (Atomics.load(w, 0) === 1) Atomics.wait(w, 0, 1); };
     for (let i = 0; i < 1000; i++) ping();
     const t0 = performance.now(); for (let i = 0; i < workerData.rounds; i++) ping();
     parentPort.postMessage((performance.now() - t0) * 1000 / workerData.rounds);`;
  const ping = new Worker(pingCode, { eval: true, workerData: { sab, rounds: ROUNDS } });
  const us = await new Promise<number>((resolve) => ping.once('message', resolve));
  console.log(`shared-memory ping-pong            ${fmt(us, 2)} µs (Atomics.store + notify, Atomics.wait)\n`);
  await ping.terminate();
  await pong.terminate();
}

// 5. Start-up: raw, then through the runtime.
{
  const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
  const workerMs: number[] = [];
  const childMs: number[] = [];
  const childFile = join(tmpdir(), `interleave-bench-child-${process.pid}.mjs`);
  writeFileSync(childFile, "process.send('up'); process.disconnect();");
  for (let i = 0; i < 5; i++) {
    let t0 = performance.now();
    const w = new Worker("require('node:worker_threads').parentPort.postMessage('up')", { eval: true });
    await new Promise((r) => w.once('message', r));
    workerMs.push(performance.now() - t0);
    await w.terminate();
    t0 = performance.now();
    const c = fork(childFile, [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    await new Promise((r) => c.once('message', r));
    childMs.push(performance.now() - t0);
    await new Promise((r) => c.once('exit', r));
  }
  console.log(`start-up to first message, raw     worker ${fmt(median(workerMs))} ms, child process ${fmt(median(childMs))} ms`);
  const s = benchLine(await runExample(fixture('bench-startup'), LONG));
  console.log(`start() to target running          Thread ${fmt(num(s['threadMs']))} ms, Process ${fmt(num(s['processMs']))} ms (runtime + example loaded; medians of 5)`);
}
