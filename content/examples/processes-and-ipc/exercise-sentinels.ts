/**
 * EXERCISE: this example fails as shipped, on purpose. Make every worker process stop.
 *
 * The parent puts the numbers 1..n into a task queue; two worker processes each take numbers until
 * they get the end-of-work sentinel (null), then report their partial sum on a result queue. The
 * parent waits for one report per worker. As shipped, the parent sends ONE sentinel: the worker that
 * takes it reports and exits, the other waits for a task that never comes, and so does the parent,
 * until the time limit ends the run. Processes cannot see each other's state; "no more work" must be
 * said to each of them, as a message.
 */
import { Process, ProcessQueue, print, type ExampleMeta } from 'interleave';

export const meta: ExampleMeta = {
  title: 'Exercise: one sentinel per worker',
  summary: 'Two worker processes sum numbers from a shared task queue until they receive a sentinel. As shipped only one sentinel is sent, so one worker never stops and the run hits its time limit.',
  params: {
    n: { default: 100, min: 1, max: 2_000, label: 'Numbers' },
  },
  timeLimitMs: 3_000,
  needs: 'messages',
  expect: { kind: 'output', includes: ['both workers reported; total correct: yes', 'worker-1 exit code 0', 'worker-2 exit code 0'] },
  exercise: { goal: 'Make both worker processes stop, so that the parent gets both partial sums and the run finishes.' },
};

export async function worker(tasks: ProcessQueue<number | null>, results: ProcessQueue<number>): Promise<void> {
  let sum = 0;
  for (let x = await tasks.get(); x !== null; x = await tasks.get()) sum += x;
  await results.put(sum);
}

export default async function main({ n }: { n: number }): Promise<void> {
  const tasks = new ProcessQueue<number | null>();
  const results = new ProcessQueue<number>();
  const workers = [1, 2].map((k) => new Process(worker, [tasks, results], { name: `worker-${k}` }));
  for (const w of workers) w.start();
  for (let x = 1; x <= n; x++) await tasks.put(x);
  await tasks.put(null); // BUG: one sentinel, two workers
  let total = 0;
  for (let i = 0; i < workers.length; i++) {
    total += await results.get();
    print(`report ${i + 1} of ${workers.length} arrived`);
  }
  print(`both workers reported; total correct: ${total === (n * (n + 1)) / 2 ? 'yes' : 'no'} (${total})`);
  for (const w of workers) print(`${w.name} exit code ${await w.join()}`);
}
