/**
 * Two threads, two locks, taken in opposite order: a deadlock.
 *
 * T1 takes A then B; T2 takes B then A. If each gets its first lock before the other gets its
 * second, each waits forever for the lock the other holds. A barrier between the first and the
 * second acquire makes sure that happens on every run, so the demo never "sometimes works".
 * The host finds the cycle in the wait-for graph and ends the run.
 *
 * Step mode takes the barrier out (`barrier: 0`): then the order of the four acquires decides, and
 * Explore finds schedules that deadlock and schedules that finish.
 */
import { Barrier, Lock, Thread, print, sleep, type ExampleMeta } from 'interleave';

export const meta: ExampleMeta = {
  title: 'Two locks in opposite order',
  summary: 'T1 holds A and waits for B while T2 holds B and waits for A: neither can go on. The runtime detects the cycle and ends the run.',
  timeLimitMs: 5000,
  expect: { kind: 'deadlock' },
  step: { params: { barrier: 0 }, ranges: { barrier: { min: 0, max: 1 } } },
};

export function worker(first: Lock, second: Lock, bothHoldOne: Barrier | null, names: string[]): void {
  first.acquire();
  print(`holding ${names[0]}`);
  // Wait until the other thread holds its first lock too; now the cycle is certain.
  if (bothHoldOne !== null) {
    bothHoldOne.wait();
    sleep(0.01);
  }
  print(`waiting for ${names[1]} ...`);
  second.acquire(); // never returns: the other thread holds it and waits for ours
  print('unreachable');
  second.release();
  first.release();
}

export default function main({ barrier = 1 }: { barrier?: number }): void {
  const a = new Lock({ name: 'A' });
  const b = new Lock({ name: 'B' });
  const bothHoldOne = barrier === 1 ? new Barrier(2) : null;
  const t1 = new Thread(worker, [a, b, bothHoldOne, ['A', 'B']], { name: 'T1' });
  const t2 = new Thread(worker, [b, a, bothHoldOne, ['B', 'A']], { name: 'T2' });
  t1.start();
  t2.start();
  t1.join();
  t2.join();
}
