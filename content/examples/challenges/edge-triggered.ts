/**
 * Challenge: an edge-triggered loop that does not drain.
 *
 * A model of epoll with EPOLLET. The client's socket is an inbox queue; the kernel's ready list is
 * the `ready` queue. Edge-triggered means the socket is reported when it *becomes* readable: a send
 * puts the connection on the ready list only if the inbox was empty before it (the `edge` lock makes
 * the check and the put one step, as they are inside the kernel). The loop's handler reads one
 * message per report and goes back to waiting. It should read until the inbox is empty (until
 * EAGAIN); epoll(7) describes exactly this trap, with a pipe: 2 kB written, 1 kB read, and the next
 * epoll_wait may wait forever although data is there (https://man7.org/linux/man-pages/man7/epoll.7.html,
 * "Level-triggered and edge-triggered").
 *
 * If the client sends both requests before the loop reads the first, there is one report for two
 * messages: the loop answers one, waits for a report that never comes, and the client waits for its
 * second reply for ever.
 *
 * Run forces that order with one more event (`forced: 1`): the loop, busy with other connections,
 * takes its first message only once the client has sent them all (an event cannot be outrun, where
 * a head start can on a loaded machine), and the run hangs until the time limit, every time. Step
 * mode takes the event out (`forced: 0`), and there every thread blocked is a deadlock.
 */
import { Event, Lock, Queue, Thread, print, type ExampleMeta } from 'interleave';

export const meta: ExampleMeta = {
  title: 'Challenge: an edge-triggered loop that does not drain',
  summary:
    'A loop told about a connection only when its inbox becomes non-empty reads one message per report. Two requests that arrive together make one report: one answer, and both sides wait for ever.',
  params: {
    requests: { default: 2, min: 2, max: 4, label: 'Requests' },
  },
  timeLimitMs: 3000,
  expect: { kind: 'timeout' },
  step: { params: { requests: 2, forced: 0 }, ranges: { requests: { min: 2, max: 3 } }, expect: { kind: 'deadlock' } },
  challenge: {
    goal: 'Leave the loop waiting for a report and the client waiting for a reply, with a request unread in the inbox.',
    win: { kind: 'deadlock' },
    hints: [
      'The loop reads one message each time it is told about the connection. When is it told?',
      'A send reports the connection only if the inbox was empty. Two sends in a row, with no read between them, make how many reports?',
      'Let the client send both requests before the loop takes its first message.',
    ],
    order: 250,
  },
};

/** The client: sends every request (reporting the connection on an edge), then reads every reply. */
export function client(inbox: Queue<string>, replies: Queue<string>, ready: Queue<number>, edge: Lock, requests: number, sent: Event | null): void {
  for (let i = 1; i <= requests; i++) {
    edge.with(() => {
      const wasEmpty = inbox.empty();
      inbox.put(`request ${i}`);
      if (wasEmpty) ready.put(1); // edge-triggered: reported only when it becomes readable
    });
  }
  sent?.set();
  for (let i = 1; i <= requests; i++) replies.get();
}

/** The loop: one message per report. BUG: it should read until the inbox is empty. */
export function loop(inbox: Queue<string>, replies: Queue<string>, ready: Queue<number>, edge: Lock, requests: number, sent: Event | null): void {
  sent?.wait(); // Run: busy with other connections while the client's requests arrive
  for (let answered = 0; answered < requests; ) {
    ready.get(); // wait for a report
    const request = edge.with(() => inbox.getNowait()); // one read, then back to waiting
    replies.put(`reply to ${request}`);
    answered++;
  }
}

export default function main({ requests, forced = 1 }: { requests: number; forced?: number }): void {
  const inbox = new Queue<string>(0, { name: 'inbox' });
  const replies = new Queue<string>(0, { name: 'replies' });
  const ready = new Queue<number>(0, { name: 'ready', itemBytes: 8 });
  const edge = new Lock({ name: 'edge' });
  const sent = forced === 1 ? new Event({ name: 'sent' }) : null;
  const threads = [
    new Thread(client, [inbox, replies, ready, edge, requests, sent], { name: 'client' }),
    new Thread(loop, [inbox, replies, ready, edge, requests, sent], { name: 'loop' }),
  ];
  for (const t of threads) t.start();
  for (const t of threads) t.join();
  print(`all ${requests} requests answered`);
}
