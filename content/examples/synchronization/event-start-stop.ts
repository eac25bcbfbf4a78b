/**
 * Two Events: a start signal and a shutdown flag.
 *
 * Workers start, then block on `go` until main has finished its set-up and sets it: one set()
 * releases all of them. Each then works in small chunks and looks at `stop` between chunks; a
 * thread cannot be stopped from outside, so it has to be asked. A monitor thread uses
 * `stop.wait(0.05)` as an interruptible sleep: it wakes every 50 ms to report, and at once when
 * `stop` is set.
 *
 * Checks: no chunk of work happens before `go` (main checks the chunk count is still 0 just before
 * set(), and raises otherwise), and every worker sees `stop` and returns (`stopped` ends at the
 * number of workers, and the run finishes).
 */
import { Event, Thread, counter, print, sleep, type ExampleMeta, type SharedInt } from 'interleave';

export const meta: ExampleMeta = {
  title: 'Events: a start signal and a stop flag',
  summary: 'Workers wait for one "go" event, then work until a "stop" event is set; a monitor reports every 50 ms and leaves as soon as stop is set.',
  params: {
    workers: { default: 3, min: 1, max: 8, label: 'Workers' },
    runMs: { default: 200, min: 50, max: 2_000, step: 50, label: 'Run time after go (ms)' },
  },
  expect: { kind: 'exact', counter: 'stopped' },
};

export function worker(go: Event, stop: Event, chunks: SharedInt, stopped: SharedInt): void {
  go.wait(); // blocks until main calls go.set()
  let mine = 0;
  let acc = 0;
  while (!stop.isSet()) {
    // One chunk of work, short enough (well under a millisecond) that a stop request is noticed quickly.
    for (let i = 0; i < 20_000; i++) acc = (acc * 31 + i) | 0;
    mine++;
    chunks.add(1);
  }
  stopped.add(1);
  print(`saw stop after ${mine} chunks`);
}

export function monitor(go: Event, stop: Event, chunks: SharedInt): void {
  go.wait();
  // wait(timeout) returns false on timeout and true as soon as the event is set: a sleep that can be cut short.
  while (!stop.wait(0.05)) print(`${chunks.value} chunks so far`);
  print('saw stop, leaving');
}

export default function main({ workers, runMs }: { workers: number; runMs: number }): void {
  const go = new Event({ name: 'go' });
  const stop = new Event({ name: 'stop' });
  const chunks = counter('chunks');
  const stopped = counter('stopped', { expected: workers });
  const threads = Array.from({ length: workers }, (_, i) => new Thread(worker, [go, stop, chunks, stopped], { name: `W${i + 1}` }));
  const mon = new Thread(monitor, [go, stop, chunks], { name: 'Monitor' });
  for (const t of threads) t.start();
  mon.start();
  sleep(0.05); // set-up the workers must not overlap with; meanwhile they are all blocked in go.wait()
  if (chunks.value !== 0) throw new Error('a worker ran before the start signal');
  print('go');
  go.set(); // one call releases every waiting thread
  sleep(runMs / 1000);
  print('stop');
  stop.set();
  for (const t of threads) t.join();
  mon.join();
  print(`${stopped.value} of ${workers} workers stopped cleanly, ${chunks.value} chunks in total`);
}
