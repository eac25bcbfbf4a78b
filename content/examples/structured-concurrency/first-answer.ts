/**
 * A search group: the first answer cancels the rest, and nothing is left running.
 *
 * `searchers` threads each search one part of a space, one step at a time; one of them (the last)
 * finds the answer at step `hitStep`, the others would search for `steps` steps and find nothing.
 * The cancel token is an Event, which is what Python programmers use with threads: the finder sets
 * it. Each step's waiting ("fetching the next page") is `cancel.wait(stepMs)`, so every step is a
 * cancellation point: a searcher blocked in it wakes at once when the token is set, sees that it was
 * cancelled, and leaves through its `finally`, which closes its connection (the cleanup, `cleanupMs`).
 *
 * The group is structured: `searchGroup` starts the searchers and joins every one of them in a
 * `finally` before it returns, as Trio's nursery, asyncio.TaskGroup and Java's StructuredTaskScope
 * do. So when it returns, no searcher is running, and every cleanup has run. The counters say so:
 * `left running` (threads alive at the moment the group returned, expected 0) and `cleanups`
 * (expected one per searcher).
 *
 * Two switches break it, for the article's "Predict, then step" and for Run:
 * - `join` off: the group cancels but returns without waiting. Searchers still running their cleanup
 *   are left behind (in Run, all but the finder's siblings that already finished: the cleanup takes
 *   `cleanupMs`, so they are still closing when the group returns).
 * - `check` off: searchers never look at the token (they sleep instead of waiting on it). Nothing is
 *   left running, because the group joins, but the group returns only when the slowest searcher has
 *   searched its whole part: cancellation that nobody checks is no cancellation.
 */
import { Event, Thread, counter, monotonic, print, sleep, type ExampleMeta, type SharedInt } from 'interleave';

export const meta: ExampleMeta = {
  title: 'First answer wins, the rest are cancelled',
  summary:
    'Four searchers share a cancel token. The first to find the answer sets it; the others notice at their next wait, run their cleanup, and the group joins them all before it returns: no thread is left running.',
  params: {
    searchers: { default: 4, min: 2, max: 8, label: 'Searchers' },
    join: { kind: 'boolean', label: 'The group joins its searchers before returning', default: true },
    check: { kind: 'boolean', label: 'Searchers wait on the cancel token (a cancellation point)', default: true },
  },
  expect: { kind: 'output', includes: ['every searcher ran its cleanup: yes', 'left running when the group returned: 0'] },
  // Step mode: two searchers; T2 has the answer at once, T1 searches one step and finds nothing. No time passes in step mode, so the step and cleanup times do not matter there.
  step: {
    params: { searchers: 2, steps: 1, hitStep: 0 },
    ranges: { join: { min: 0, max: 1 }, check: { min: 0, max: 1 } },
  },
};

const STEP_MS = 10;

/** The group's shared state, passed to every searcher. */
interface Group {
  cancel: Event;
  cancelled: SharedInt;
  cleanups: SharedInt;
}

/** One searcher. `finder` is 1 for the one whose part holds the answer. */
export function searcher(g: Group, finder: number, steps: number, hitStep: number, check: number, cleanupMs: number): void {
  const last = finder === 1 ? hitStep : steps;
  try {
    for (let step = 1; step <= last; step++) {
      if (check === 1) {
        // The cancellation point: waits for the next page, or returns true at once if cancelled.
        if (g.cancel.wait(STEP_MS / 1000)) {
          print(`cancelled at step ${step}; closing the connection`);
          g.cancelled.add(1);
          return;
        }
      } else {
        sleep(STEP_MS / 1000); // waits for the page, and never looks at the token
      }
    }
    if (finder === 1) {
      print(`found the answer${last > 0 ? ` at step ${last}` : ' at once'}; cancelling the others`);
      g.cancel.set();
    } else {
      print(`searched its whole part (${last} step${last === 1 ? '' : 's'}): nothing there`);
    }
  } finally {
    // Cleanup runs however the searcher leaves: found, cancelled, or an exception.
    sleep(cleanupMs / 1000);
    g.cleanups.add(1);
  }
}

/** The group: starts every searcher, waits for the answer, and (when joining) waits for them all. */
function searchGroup(g: Group, n: number, steps: number, hitStep: number, join: number, check: number, cleanupMs: number) {
  const threads = Array.from({ length: n }, (_, i) => new Thread(searcher, [g, i === n - 1 ? 1 : 0, steps, hitStep, check, cleanupMs], { name: `T${i + 1}` }));
  for (const t of threads) t.start();
  let answeredAt = 0;
  try {
    g.cancel.wait(); // the first answer sets the token
    answeredAt = monotonic();
  } finally {
    // Structured: nobody leaves the group before its searchers have ended.
    if (join === 1) for (const t of threads) t.join();
  }
  return { threads, answeredAt };
}

export default function main({ searchers, join, check, steps = 40, hitStep = 3, cleanupMs = 50 }: { searchers: number; join: number; check: number; steps?: number; hitStep?: number; cleanupMs?: number }): void {
  const g: Group = {
    cancel: new Event({ name: 'cancel' }),
    cancelled: counter('cancelled'),
    cleanups: counter('cleanups', { expected: searchers }),
  };
  const leftRunning = counter('left running', { expected: 0 });
  const { threads, answeredAt } = searchGroup(g, searchers, steps, hitStep, join, check, cleanupMs);
  // The moment the group has returned: which of its threads are still alive?
  const alive = threads.filter((t) => t.isAlive()).length;
  leftRunning.value = alive;
  const ms = (monotonic() - answeredAt) * 1000;
  print(`the group returned ${ms.toFixed(0)} ms after the answer (each cleanup takes ${cleanupMs} ms)`);
  print(`left running when the group returned: ${alive}`);
  for (const t of threads) t.join(); // (the run waits for every thread anyway; this makes it explicit)
  print(`cancelled: ${g.cancelled.value} of the ${searchers - 1} that had not found it`);
  print(`every searcher ran its cleanup: ${g.cleanups.value === searchers ? 'yes' : `no (${g.cleanups.value} of ${searchers})`}`);
}
