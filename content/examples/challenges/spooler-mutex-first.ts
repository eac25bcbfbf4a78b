/**
 * Challenge: the mutex taken before the semaphore, on the consumer's side.
 *
 * A print spooler: a queue of jobs guarded by a mutex, and a semaphore `jobs` that counts them. The
 * submitter takes the mutex, queues a job, releases `jobs`, lets go of the mutex. The spooler takes
 * the mutex FIRST and then waits on `jobs`. When it gets there before any job is queued, it sleeps
 * in jobs.acquire() holding the mutex, and the submitter can never queue the job it waits for: a
 * deadlock, with one edge through a semaphore (OSTEP, chapter 31: take the semaphore first, then the
 * mutex). The fix: acquire `jobs` before the mutex.
 *
 * Run: the submitter prepares its first job until the spooler holds the mutex (an event, `forced:
 * 1`), so the two hang until the time limit every time (Run's detector follows locks and joins, and
 * a semaphore has no owner to point at). Step mode takes the event out (`forced: 0`), and a step run
 * in which every thread is blocked ends as a deadlock.
 */
import { Event, Lock, Semaphore, SharedInt, Thread, print, type ExampleMeta } from 'interleave';

export const meta: ExampleMeta = {
  title: 'Challenge: the spooler that waits with the door shut',
  summary: 'The spooler takes the queue\'s mutex and then waits for a job; the submitter needs the mutex to queue one. Get there in the wrong order and both wait forever.',
  params: {
    n: { default: 3, min: 1, max: 10, label: 'Jobs' },
  },
  timeLimitMs: 1500,
  expect: { kind: 'timeout' },
  step: { params: { n: 2, forced: 0 }, ranges: { n: { min: 1, max: 3 } }, expect: { kind: 'deadlock' } },
  challenge: {
    goal: 'Leave the spooler asleep waiting for a job that the submitter can never queue, so that every thread is blocked.',
    win: { kind: 'deadlock' },
    hints: [
      'Look at what the spooler holds while it waits for a job.',
      'The submitter needs the mutex to queue a job. What if the spooler has it, and the queue is empty?',
      'Let the spooler take the mutex at a moment when no job is queued, then let it go on.',
    ],
    order: 160,
  },
};

interface Spool {
  mutex: Lock;
  jobs: Semaphore;
  queued: SharedInt;
  /** Run only: set once the spooler holds the mutex. */
  spoolerIn: Event | null;
}

export function submitter(s: Spool, n: number): void {
  s.spoolerIn?.wait(); // Run: preparing the first job while the spooler takes the mutex
  for (let i = 0; i < n; i++) {
    s.mutex.acquire();
    try {
      s.queued.add(1);
      s.jobs.release(); // one more job
    } finally {
      s.mutex.release();
    }
  }
}

export function spooler(s: Spool, n: number): void {
  for (let i = 0; i < n; i++) {
    s.mutex.acquire(); // BUG: the mutex first ...
    s.spoolerIn?.set();
    try {
      s.jobs.acquire(); // ... then, on an empty queue, sleep holding it
      s.queued.sub(1);
    } finally {
      s.mutex.release();
    }
  }
  print(`printed ${n} jobs`);
}

export default function main({ n, forced = 1 }: { n: number; forced?: number }): void {
  const s: Spool = { mutex: new Lock({ name: 'mutex' }), jobs: new Semaphore(0, { name: 'jobs' }), queued: new SharedInt(0), spoolerIn: forced === 1 ? new Event({ name: 'spooler in' }) : null };
  const threads = [new Thread(spooler, [s, n], { name: 'T1' }), new Thread(submitter, [s, n], { name: 'T2' })];
  for (const t of threads) t.start();
  for (const t of threads) t.join();
}
