/**
 * A pipeline of processes joined by queues: a source process emits 1..n, a squaring process turns
 * each x into x*x, and the parent adds the squares up.
 *
 * Each stage owns its data and touches nobody else's; the queues copy every item from one process
 * to the next. No stage needs a lock, because nothing is shared. The end of the stream is a sentinel
 * (null) that each stage passes on before it exits: a stage cannot see whether the one before it
 * is still alive, so "no more items" has to arrive as an item. The queues are bounded, so a fast
 * stage waits for a slow one instead of piling up items (back-pressure).
 */
import { Process, ProcessQueue, print, type ExampleMeta } from 'interleave';

export const meta: ExampleMeta = {
  title: 'A pipeline of processes',
  summary: 'Three stages in a row, joined by bounded queues: a process emits numbers, a second squares them, the parent sums the squares. Only copies pass between them.',
  params: {
    n: { default: 300, min: 1, max: 5_000, label: 'Numbers' },
  },
  needs: 'messages',
  expect: { kind: 'output', includes: ['source exit code 0', 'square exit code 0', 'sum of squares matches n(n+1)(2n+1)/6: yes'] },
};

export async function source(out: ProcessQueue<number | null>, n: number): Promise<void> {
  for (let x = 1; x <= n; x++) await out.put(x); // waits while the queue holds 8 items
  await out.put(null);
}

export async function square(inbox: ProcessQueue<number | null>, out: ProcessQueue<number | null>): Promise<void> {
  for (let x = await inbox.get(); x !== null; x = await inbox.get()) await out.put(x * x);
  await out.put(null); // pass the end of the stream on
}

export default async function main({ n }: { n: number }): Promise<void> {
  const numbers = new ProcessQueue<number | null>(8);
  const squares = new ProcessQueue<number | null>(8);
  const stages = [new Process(source, [numbers, n], { name: 'source' }), new Process(square, [numbers, squares], { name: 'square' })];
  for (const p of stages) p.start();
  let sum = 0;
  let count = 0;
  for (let y = await squares.get(); y !== null; y = await squares.get()) {
    sum += y;
    count++;
  }
  for (const p of stages) print(`${p.name} exit code ${await p.join()}`);
  print(`received ${count} squares, sum ${sum}`);
  print(`sum of squares matches n(n+1)(2n+1)/6: ${sum === (n * (n + 1) * (2 * n + 1)) / 6 ? 'yes' : 'no'}`);
}
