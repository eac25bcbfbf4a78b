/**
 * A timeout is a cancellation with a deadline: ask four replicas, keep what arrives by the deadline,
 * cancel the rest, and wait for them to leave.
 *
 * Each fetcher stands for a request to a replica that answers after a fixed latency (30, 60, 500 and
 * 900 ms). It waits for its answer with `cancel.wait(latency)`: the wait ends early, returning true,
 * if the token is set, so the wait is a cancellation point. Replies go to a Queue.
 *
 * The group takes replies with `results.get(true, left)`, where `left` is the time to the deadline,
 * computed again before every get: one deadline for the whole group, not one timeout per call (a
 * timeout per get would let four slow replies take four timeouts). When the deadline passes (Empty),
 * it sets the token and joins every fetcher in a `finally`, as `asyncio.timeout` around a TaskGroup,
 * Go's `context.WithTimeout` with a WaitGroup, or a StructuredTaskScope with a timeout do. The
 * late fetchers wake at once, run their cleanup and end, so the group returns a few milliseconds
 * after the deadline with nothing left running.
 *
 * The deadline starts when the fetchers have started (the start barrier: see docs/runtime.md), so
 * worker start-up is not counted against it.
 */
import { Empty, Event, Queue, Thread, counter, monotonic, print, sleep, type ExampleMeta, type SharedInt } from 'interleave';

export const meta: ExampleMeta = {
  title: 'A deadline that cancels',
  summary:
    'Four replicas answer after 30, 60, 500 and 900 ms; the group keeps the replies that arrive before its deadline, cancels the late requests, and joins them before it returns.',
  params: {
    deadlineMs: { default: 200, min: 50, max: 1000, step: 50, label: 'Deadline (ms)' },
  },
  expect: { kind: 'output', includes: ['cleanup ran in every fetcher: yes', 'left running when the group returned: 0'] },
};

const LATENCIES_MS = [30, 60, 500, 900];

interface Reply {
  replica: number;
}

/** One request to replica `i`: its answer arrives after `latencyMs`, unless the group cancels first. */
export function fetcher(i: number, latencyMs: number, cancel: Event, results: Queue<Reply>, cancelled: SharedInt, cleanups: SharedInt): void {
  try {
    if (cancel.wait(latencyMs / 1000)) {
      print('cancelled before the answer came; closing the connection');
      cancelled.add(1);
      return;
    }
    results.put({ replica: i });
  } finally {
    cleanups.add(1); // closing the connection, whichever way the request ended
  }
}

export default function main({ deadlineMs }: { deadlineMs: number }): void {
  const n = LATENCIES_MS.length;
  const cancel = new Event({ name: 'cancel' });
  const results = new Queue<Reply>(n, { name: 'replies' });
  const cancelled = counter('cancelled');
  const cleanups = counter('cleanups', { expected: n });
  const leftRunning = counter('left running', { expected: 0 });
  const fetchers = LATENCIES_MS.map((ms, i) => new Thread(fetcher, [i + 1, ms, cancel, results, cancelled, cleanups], { name: `F${i + 1}` }));
  for (const f of fetchers) f.start();
  sleep(0); // the first block opens the start barrier: the fetchers are running from here
  const start = monotonic();
  const deadline = start + deadlineMs / 1000;

  const replies: { replica: number; ms: number }[] = [];
  try {
    while (replies.length < n) {
      const left = deadline - monotonic(); // the same deadline for every get
      if (left <= 0) break;
      try {
        const r = results.get(true, left);
        replies.push({ replica: r.replica, ms: Math.round((monotonic() - start) * 1000) });
      } catch (e) {
        if (!(e instanceof Empty)) throw e;
        break; // the deadline passed
      }
    }
  } finally {
    cancel.set(); // cancel whatever is still in flight ...
    for (const f of fetchers) f.join(); // ... and wait for it to leave: the group ends here
  }
  const end = monotonic();
  leftRunning.value = fetchers.filter((f) => f.isAlive()).length;

  const list = replies.map((r) => `replica ${r.replica} after ${r.ms} ms`).join(', ') || 'none';
  print(`deadline ${deadlineMs} ms: ${replies.length} of ${n} replied in time (${list}); ${cancelled.value} cancelled`);
  print(
    end >= deadline
      ? `the group returned ${((end - deadline) * 1000).toFixed(0)} ms after the deadline`
      : `every reply was in ${((deadline - end) * 1000).toFixed(0)} ms before the deadline`,
  );
  print(`left running when the group returned: ${leftRunning.value}`);
  print(`cleanup ran in every fetcher: ${cleanups.value === n ? 'yes' : `no (${cleanups.value} of ${n})`}`);
}
