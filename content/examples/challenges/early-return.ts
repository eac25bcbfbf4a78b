/**
 * Challenge: the error path that forgot to join.
 *
 * `fetchBoth` starts two requests and collects their two results. On the happy path it joins both
 * threads before it returns. But when a result is a failure, it cancels the other request and returns
 * at once, and that early return skips the joins: the other thread, cancelled or not, may still be
 * running when the function has already returned to its caller. This is the leak that Nathaniel J.
 * Smith's "Notes on structured concurrency" (2018) blames on unstructured spawning: nothing forces a
 * function's threads to end before the function does, least of all on an error path. The fix is to
 * join in a `finally` (or to use a scope that does it: Trio's nursery, asyncio.TaskGroup,
 * StructuredTaskScope), so every way out of the function waits for its threads.
 *
 * Run forces the bad order with events (`forced: 1`): the profile request fails first, and the
 * orders request, once cancelled, waits until the caller has looked. So in Run the caller finds one
 * thread still running every time (main lets the failed request's thread finish exiting before it
 * counts, so the count is the cancelled one alone). Step mode takes the events out (`forced: 0`).
 */
import { Event, Queue, Thread, counter, print, type ExampleMeta } from 'interleave';

export const meta: ExampleMeta = {
  title: 'Challenge: the error path that forgot to join',
  summary:
    'Two requests run in parallel; when one fails, the function cancels the other and returns early, without joining it. Can you make it return while a thread is still running?',
  expect: { kind: 'counter', counter: 'left running', equals: 1 },
  step: { params: { forced: 0 } },
  challenge: {
    goal: 'Make fetchBoth return to its caller while one of its two threads is still running.',
    win: { kind: 'counter', counter: 'left running', equals: 1 },
    hints: [
      'fetchBoth has two ways out. Which of them joins the threads?',
      'The early return happens only when the first result main takes is the failure. What must the orders request not have done by then?',
      'Let the profile request fail first, let main take that result and cancel, and let main look at its threads before the orders request has finished.',
    ],
    order: 180,
  },
};

interface Result {
  ok: boolean;
  what: string;
}

/** Run only: the profile failure is in; the caller has looked at the threads. */
interface Forced {
  failed: Event;
  looked: Event;
}

export function profile(results: Queue<Result>, forced: Forced | null): void {
  results.put({ ok: false, what: 'profile: 503 Service Unavailable' });
  forced?.failed.set();
}

export function orders(results: Queue<Result>, cancel: Event, forced: Forced | null): void {
  forced?.failed.wait(); // Run: the profile request fails first
  if (cancel.wait(0.2)) {
    print('orders: cancelled; closing the connection');
    forced?.looked.wait(); // Run: still closing when the caller looks
    return;
  }
  results.put({ ok: true, what: 'orders: 3 orders' });
}

/** Both results, or the first failure. */
/** What fetchBoth and main do with a thread (any argument types). */
type Started = Pick<Thread, 'start' | 'join' | 'isAlive'>;

function fetchBoth(threads: Started[], results: Queue<Result>, cancel: Event, forced: Forced | null): string {
  threads.push(new Thread(profile, [results, forced], { name: 'T1' }), new Thread(orders, [results, cancel, forced], { name: 'T2' }));
  for (const t of threads) t.start();
  const got: string[] = [];
  for (let i = 0; i < 2; i++) {
    const r = results.get();
    if (!r.ok) {
      cancel.set();
      return `failed: ${r.what}`; // BUG: returns without joining the threads
    }
    got.push(r.what);
  }
  for (const t of threads) t.join();
  return got.join('; ');
}

export default function main({ forced = 1 }: { forced?: number }): void {
  const results = new Queue<Result>(2, { name: 'results' });
  const cancel = new Event({ name: 'cancel' });
  const f: Forced | null = forced === 1 ? { failed: new Event({ name: 'failed' }), looked: new Event({ name: 'looked' }) } : null;
  const leftRunning = counter('left running', { expected: 0 });
  const threads: Started[] = [];
  const answer = fetchBoth(threads, results, cancel, f);
  // Run only: let the failed request's thread finish exiting (it has put its result and set `failed`,
  // but may not have ended yet on a busy machine), so the count is about the cancelled one alone.
  if (f) threads[0]?.join();
  leftRunning.value = threads.filter((t) => t.isAlive()).length;
  f?.looked.set();
  print(`fetchBoth returned "${answer}" with ${leftRunning.value} of its threads still running`);
}
