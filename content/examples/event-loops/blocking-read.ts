/**
 * One loop thread serves every connection, and one blocking read in a handler stalls all of them.
 *
 * A model of an event-driven server with the runtime's queues. Each connection has an inbox (its
 * socket's receive buffer) and a reply queue. A client that sends also puts its connection's number
 * on one shared `ready` queue, as the kernel puts a socket on an epoll instance's ready list; the
 * loop thread's only wait is `ready.get()`, one wait for all the connections, like epoll_wait.
 * Its reads are `getNowait()`, the non-blocking read: readiness says the call will not wait, and a
 * readiness entry that finds nothing left (already read) is skipped, as a read failing with EAGAIN.
 *
 * The slow client sends its request in two halves with a pause between (a partial read). The loop
 * cannot wait inside the handler for the rest, so it keeps the half line in `pending`, per
 * connection, and goes back to waiting: the state a thread would keep on its stack, carried by hand
 * (OSTEP ch. 33, "state management"). Meanwhile it answers the fast clients. The blocking version
 * waits for the rest inside the handler (`inbox.get()`), and every fast client waits with it.
 *
 * In Run the fast clients send just after the slow client's first half, well inside the pause, so
 * the non-blocking loop answers all of them during it, every time. In step mode time does not pass
 * and you choose the order; the blocking loop answers none during the pause on every schedule.
 */
import { Empty, Event, Queue, SharedArray, Thread, monotonic, print, sleep, type ExampleMeta } from 'interleave';

export const meta: ExampleMeta = {
  title: 'One loop for every connection, and a blocking read',
  summary:
    'A single loop thread waits on one ready queue for all its connections. A slow client sends its request in two halves: keeping the half line per connection, the loop answers the fast clients during the pause; waiting inside the handler for the rest, it answers none of them until the slow client is done.',
  params: {
    fast: { default: 3, min: 1, max: 8, label: 'Fast clients' },
    pauseMs: { default: 300, min: 100, max: 1_000, step: 50, label: "Slow client's pause (ms)" },
  },
  expect: {
    kind: 'output',
    includes: ['non-blocking handler: answered every fast request during the pause', 'blocking handler: answered none during the pause', 'every reply correct: yes'],
  },
  step: {
    // One fast client, and only the blocking server (blockingOnly: 1), to keep the steps few.
    params: { fast: 1, blockingOnly: 1 },
    ranges: { fast: { min: 1, max: 2 }, blockingOnly: { min: 0, max: 1 } },
    // The order is the stepper's: the blocking loop cannot answer anyone while it waits in the
    // handler, whatever the order. (With blockingOnly: 0, the non-blocking loop may or may not read
    // the second half before the fast request: your schedule decides.)
    expect: { kind: 'output', includes: ['blocking handler: answered none during the pause', 'every reply correct: yes'] },
  },
};

const SLOW = 0; // connection 0 is the slow client; 1..fast are the fast ones

/** The slow client: half a request, a pause, the other half, then its reply. */
export function slowClient(inbox: Queue<string>, replies: Queue<string>, ready: Queue<number>, started: Event, pauseMs: number, ok: SharedArray): void {
  inbox.put('GET /sl');
  ready.put(SLOW); // "readable": the loop will find data
  started.set(); // the fast clients go now, during the pause
  sleep(pauseMs / 1000);
  inbox.put('ow\n');
  ready.put(SLOW);
  ok.set(SLOW, replies.get() === 'OK GET /slow' ? 1 : 0);
}

/** A fast client: one whole request once the slow one has begun; it notes how long its reply took. */
export function fastClient(id: number, inbox: Queue<string>, replies: Queue<string>, ready: Queue<number>, started: Event, ok: SharedArray, waitedMs: SharedArray): void {
  started.wait();
  const t0 = monotonic();
  inbox.put(`GET /fast-${id}\n`);
  ready.put(id);
  ok.set(id, replies.get() === `OK GET /fast-${id}` ? 1 : 0);
  waitedMs.set(id, Math.round((monotonic() - t0) * 1000));
}

/** The event loop: one thread, one wait, a non-blocking read per readiness entry. */
export function loop(blocking: number, connections: number, inboxes: Queue<string>[], replies: Queue<string>[], ready: Queue<number>, result: SharedArray): void {
  const pending: string[] = new Array<string>(connections).fill(''); // each connection's half-read line
  let answered = 0;
  let duringPause = 0;
  while (answered < connections) {
    const id = ready.get(); // the only wait: for any connection
    const inbox = inboxes[id]!;
    let data: string;
    try {
      data = inbox.getNowait(); // ready, so this does not wait
    } catch (e) {
      if (e instanceof Empty) continue; // already read (EAGAIN): wait again
      throw e;
    }
    pending[id] += data;
    if (blocking === 1 && !pending[id]!.includes('\n')) pending[id] += inbox.get(); // the bug: waits in a handler
    if (!pending[id]!.includes('\n')) continue; // half a line: keep it, serve the others
    const request = pending[id]!.trim();
    pending[id] = '';
    if (id !== SLOW && pending[SLOW] !== '') duringPause++;
    replies[id]!.put(`OK ${request}`);
    answered++;
  }
  result.set(0, duringPause);
}

function serve(blocking: number, fast: number, pauseMs: number): { duringPause: number; correct: boolean; longestWaitMs: number } {
  const n = fast + 1;
  const inboxes = Array.from({ length: n }, (_, i) => new Queue<string>(0, { name: i === SLOW ? 'slow inbox' : `fast-${i} inbox` }));
  const replies = Array.from({ length: n }, (_, i) => new Queue<string>(0, { name: i === SLOW ? 'slow replies' : `fast-${i} replies` }));
  const ready = new Queue<number>(0, { name: 'ready', itemBytes: 8 });
  const started = new Event({ name: 'slow started' });
  const ok = new SharedArray('int32', n);
  const waitedMs = new SharedArray('int32', n);
  const result = new SharedArray('int32', 1);
  const threads = [
    new Thread(loop, [blocking, n, inboxes, replies, ready, result], { name: 'loop' }),
    new Thread(slowClient, [inboxes[SLOW]!, replies[SLOW]!, ready, started, pauseMs, ok], { name: 'slow' }),
    ...Array.from({ length: fast }, (_, k) => new Thread(fastClient, [k + 1, inboxes[k + 1]!, replies[k + 1]!, ready, started, ok, waitedMs], { name: `fast-${k + 1}` })),
  ];
  for (const t of threads) t.start();
  for (const t of threads) t.join();
  let correct = true;
  let longestWaitMs = 0;
  for (let i = 0; i < n; i++) {
    correct &&= ok.get(i) === 1;
    if (i !== SLOW) longestWaitMs = Math.max(longestWaitMs, waitedMs.get(i));
  }
  return { duringPause: result.get(0), correct, longestWaitMs };
}

export default function main({ fast, pauseMs, blockingOnly = 0 }: { fast: number; pauseMs: number; blockingOnly?: number }): void {
  const good = blockingOnly === 1 ? null : serve(0, fast, pauseMs);
  if (good) print(`non-blocking handler: ${good.duringPause} of ${fast} fast requests answered while the slow one was half-read; the longest fast reply took ${good.longestWaitMs} ms`);
  const bad = serve(1, fast, pauseMs);
  print(`blocking handler: ${bad.duringPause} of ${fast} fast requests answered while the slow one was half-read; the longest fast reply took ${bad.longestWaitMs} ms`);
  if (good?.duringPause === fast) print('non-blocking handler: answered every fast request during the pause');
  if (bad.duringPause === 0) print('blocking handler: answered none during the pause');
  print(`every reply correct: ${(good?.correct ?? true) && bad.correct ? 'yes' : 'no'}`);
}
