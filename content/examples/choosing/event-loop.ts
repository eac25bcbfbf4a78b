/**
 * One thread, an event loop, and async/await: many waits overlap, but one long computation stops
 * everything.
 *
 * Part 1: five "requests" each await a 200 ms reply. While one awaits, the loop runs the others, so
 * all five finish in about 200 ms on a single thread, with no locks: a task can only be interrupted
 * at an `await`, so code between two awaits never interleaves with other tasks. Python's asyncio
 * works the same way (`await asyncio.sleep(0.2)`, `asyncio.gather`).
 * Part 2: a ticker wants to run every 10 ms, and then a task computes for 300 ms without awaiting.
 * Nothing else on the loop can run meanwhile: the ticker's gap grows to the full 300 ms. That is
 * the price of cooperative scheduling: a task that does not yield blocks the whole loop. Even Stop
 * waits for it: nothing can interrupt the computation from inside, so the worker ends when it returns.
 */
import { asleep, print, type ExampleMeta } from 'interleave';

export const meta: ExampleMeta = {
  title: 'An event loop: waits overlap, work does not',
  summary: 'On one thread, five awaited 200 ms waits finish together in about 200 ms; then 300 ms of computation without an await holds up a 10 ms ticker for the whole 300 ms.',
  params: {
    busyMs: { default: 300, min: 50, max: 2_000, step: 50, label: 'Computation without await (ms)' },
  },
  needs: 'messages',
  expect: { kind: 'output', includes: ['all 5 requests answered', 'the ticker was held up for the whole computation: yes'] },
};

async function request(id: number, log: string[]): Promise<number> {
  log.push(`request ${id} sent`);
  await asleep(0.2); // the loop runs other tasks during this wait
  return id * 10;
}

export default async function main({ busyMs }: { busyMs: number }): Promise<void> {
  const log: string[] = [];
  let t0 = performance.now();
  const replies = await Promise.all([1, 2, 3, 4, 5].map((id) => request(id, log)));
  print(`${log.join(', ')}: all before the first reply`);
  print(`all 5 requests answered (${replies.join(', ')}) in ${(performance.now() - t0).toFixed(0)} ms on one thread`);

  // Part 2: a ticker on the same loop, then a long synchronous computation.
  let last = performance.now();
  let longestGap = 0;
  const ticker = setInterval(() => {
    const now = performance.now();
    longestGap = Math.max(longestGap, now - last);
    last = now;
  }, 10);
  await asleep(0.05); // let it tick normally for a while
  t0 = performance.now();
  let spins = 0;
  while (performance.now() - t0 < busyMs) spins++; // busy, and no await inside
  const computed = performance.now() - t0;
  await asleep(0.03); // let the ticker run again and notice the gap
  clearInterval(ticker);
  print(`computed for ${computed.toFixed(0)} ms (${spins} loop turns); longest gap between ticks: ${longestGap.toFixed(0)} ms`);
  print(`the ticker was held up for the whole computation: ${longestGap >= busyMs ? 'yes' : 'no'}`);
}
