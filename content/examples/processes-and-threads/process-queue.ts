/**
 * A producer process sends numbers through a queue; the main process sums them.
 *
 * Processes share no memory: the queue copies every item from one process to the other (in Node
 * the producer is a real child process). Nothing here needs shared memory, so this example runs
 * even on a page without cross-origin isolation. Receiving a message is awaited, not blocked on.
 */
import { Process, ProcessQueue, print, type ExampleMeta } from 'interleave';

export const meta: ExampleMeta = {
  title: 'A process and a queue',
  summary: 'A child process puts numbers into a queue; the parent gets them and adds them up. Only messages pass between them.',
  params: {
    n: { default: 100, min: 1, max: 10_000, label: 'Numbers to send' },
  },
  needs: 'messages',
  expect: { kind: 'output', includes: ['received 100 numbers, sum 5050', 'producer exit code 0'] },
};

export async function producer(q: ProcessQueue<number | null>, n: number): Promise<void> {
  for (let i = 1; i <= n; i++) await q.put(i);
  // A sentinel says "no more items": the consumer cannot see whether the producer is still alive.
  await q.put(null);
}

export default async function main({ n }: { n: number }): Promise<void> {
  const q = new ProcessQueue<number | null>(16);
  const p = new Process(producer, [q, n], { name: 'producer' });
  p.start();
  let count = 0;
  let sum = 0;
  for (let item = await q.get(); item !== null; item = await q.get()) {
    count++;
    sum += item;
  }
  const code = await p.join();
  print(`received ${count} numbers, sum ${sum}`);
  print(`producer exit code ${code}`);
}
