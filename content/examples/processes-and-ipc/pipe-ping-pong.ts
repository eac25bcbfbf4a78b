/**
 * Ping-pong over a Pipe: the parent sends a number down one end, a child process adds 1 and sends
 * it back up the other end, n times.
 *
 * A Pipe is two connected ends (Python's multiprocessing.Pipe()). Each send copies the value into
 * a message; nothing is shared. Every round trip is two messages, each crossing a process boundary,
 * so the time per round trip is the price of one request and one reply between processes.
 */
import { Pipe, Process, monotonic, print, type Connection, type ExampleMeta } from 'interleave';

export const meta: ExampleMeta = {
  title: 'Ping-pong over a pipe',
  summary: 'A parent and a child process pass a number back and forth through the two ends of a Pipe; each side adds 1, and the parent measures the time per round trip.',
  params: {
    rounds: { default: 200, min: 1, max: 2_000, label: 'Round trips' },
  },
  needs: 'messages',
  expect: { kind: 'output', includes: ['ponger exit code 0', 'every ping got its pong: yes'] },
};

/** The child: reply to every number with that number plus 1; stop at the sentinel -1. */
export async function ponger(end: Connection<number>): Promise<void> {
  for (let n = await end.recv(); n !== -1; n = await end.recv()) end.send(n + 1);
}

export default async function main({ rounds }: { rounds: number }): Promise<void> {
  const [mine, theirs] = Pipe<number>();
  // The child gets only its end of the pipe: a handle to a channel, not a piece of memory.
  const child = new Process(ponger, [theirs], { name: 'ponger' });
  child.start();
  let n = 0;
  let t = monotonic();
  let firstMs = 0;
  for (let i = 0; i < rounds; i++) {
    mine.send(n + 1); // ping: +1 here ...
    n = await mine.recv(); // ... pong: +1 there
    // The first reply waits for the child to start; time it apart from the rest.
    if (i === 0) [firstMs, t] = [(monotonic() - t) * 1000, monotonic()];
  }
  const restMs = (monotonic() - t) * 1000;
  mine.send(-1);
  print(`ponger exit code ${await child.join()}`);
  // Exactly 2 per round trip only if no message was lost or duplicated.
  print(`${rounds} round trips, the number is ${n}; every ping got its pong: ${n === 2 * rounds ? 'yes' : 'no'}`);
  print(`first round trip (includes starting the child): ${firstMs.toFixed(1)} ms`);
  if (rounds > 1) print(`each later round trip: ${((restMs * 1000) / (rounds - 1)).toFixed(0)} µs on average`);
}
