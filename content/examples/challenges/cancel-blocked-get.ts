/**
 * Challenge: a cancel flag that cannot reach a thread blocked in Queue.get().
 *
 * A worker takes jobs from a queue until it is told to stop. The stop request is a flag (a shared
 * int, like a Java `volatile boolean running` or a Go atomic), checked before each get. The owner
 * queues one job, raises the flag and joins the worker. The bug: the flag is only seen between
 * jobs. A worker that checked it just before it was raised goes back to `jobs.get()` and blocks on
 * an empty queue, where no flag can reach it; the owner waits in join() forever. Checking a token is
 * cooperative cancellation only at the points where the code looks; a blocking call that does not
 * look is not a cancellation point. The fixes: make the wait itself cancellable, by closing the queue
 * (`Queue.shutdown()`, Python 3.13: a blocked get raises ShutDown), by queueing a sentinel per worker,
 * or by waiting with a timeout and looking again (CPython's threading and queue docs; the Trio essay
 * on cancel scopes makes every blocking call a checkpoint for this reason).
 *
 * Run forces the bad order with two events (`forced: 1`): the worker has looked at the flag and is
 * about to call get() when the owner raises it. Both then wait until the time limit (Run's deadlock
 * detector follows locks and joins; a queue's condition has no owner to point at). Step mode takes
 * the events out (`forced: 0`); a step run in which every thread is blocked ends as a deadlock.
 */
import { Event, Queue, SharedInt, Thread, counter, print, type ExampleMeta } from 'interleave';

export const meta: ExampleMeta = {
  title: 'Challenge: the stop flag nobody reads',
  summary:
    'A worker checks a stop flag between jobs and blocks in get() while the queue is empty. Raise the flag just after it looked, and it waits for a job that never comes while its owner waits to join it.',
  timeLimitMs: 1500,
  expect: { kind: 'timeout' },
  step: { params: { forced: 0 }, expect: { kind: 'deadlock' } },
  challenge: {
    goal: 'Stop the worker in a way it never notices, so that it and its owner both wait forever.',
    win: { kind: 'deadlock' },
    hints: [
      'The worker looks at the flag only at the top of its loop. Where is it the rest of the time?',
      'A thread blocked in jobs.get() on an empty queue wakes only for a put. Raising the flag is not a put.',
      'Let the worker take the job and look at the flag once more before the owner raises it; then raise it, and let the worker go on.',
    ],
    order: 170,
  },
};

/** Run only: the worker has looked at the flag (for the second time); the owner has raised it. */
interface Forced {
  looked: Event;
  raised: Event;
}

export function worker(jobs: Queue<number>, stop: SharedInt, done: SharedInt, forced: Forced | null): void {
  for (let looks = 1; stop.load() === 0; looks++) {
    if (looks === 2 && forced !== null) {
      forced.looked.set(); // Run: between the look and the get, the owner raises the flag
      forced.raised.wait();
    }
    jobs.get(); // BUG: blocks on an empty queue, where the flag cannot reach it
    done.add(1);
  }
  print(`stopped after ${done.load()} job(s)`);
}

export default function main({ forced = 1 }: { forced?: number }): void {
  const jobs = new Queue<number>(0, { name: 'jobs' });
  const stop = new SharedInt(0);
  const done = counter('jobs done');
  const f: Forced | null = forced === 1 ? { looked: new Event({ name: 'looked' }), raised: new Event({ name: 'raised' }) } : null;
  const w = new Thread(worker, [jobs, stop, done, f], { name: 'W' });
  w.start();
  jobs.put(1);
  f?.looked.wait();
  stop.store(1); // "please stop": seen only by a worker that looks again
  f?.raised.set();
  w.join();
  print('the worker has stopped');
}
