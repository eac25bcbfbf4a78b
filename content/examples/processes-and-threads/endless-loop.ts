/**
 * A thread that never ends. Nothing inside a program can stop a thread that does not cooperate;
 * the host can, because it owns every worker: Stop (or the time limit) ends them all. This loop
 * calls the runtime (laps.add), which notices the end of the run within a few hundred calls, so the
 * worker is gone at once; a loop that never calls the runtime is only killed by the browser, ~2 s later.
 */
import { Thread, counter, progress, type ExampleMeta, type SharedInt } from 'interleave';

export const meta: ExampleMeta = {
  title: 'A loop that never ends',
  summary: 'A thread spins forever, counting. Stop ends it at once, and so does the time limit.',
  timeLimitMs: 10_000,
  expect: { kind: 'timeout' },
};

export function spin(laps: SharedInt): void {
  for (let i = 0; ; i++) {
    // Atomic add: the page can watch the laps go up while the loop runs.
    laps.add(1);
    if (i % 1_000_000 === 0) progress(i);
  }
}

export default function main(): void {
  const laps = counter('laps');
  const t = new Thread(spin, [laps], { name: 'Spinner' });
  t.start();
  t.join(); // waits forever: only Stop or the time limit ends this run
}
