/**
 * The dining philosophers, naive protocol: everyone picks up the left fork, then the right one.
 *
 * Five philosophers sit at a round table with one fork between each pair of neighbours; eating
 * takes both forks next to you. Philosopher i's left fork is fork i, the right one fork i+1 (and the
 * last philosopher's right fork is fork 0). Each fork is a Lock.
 *
 * If all of them pick up their left fork at the same moment, every fork is taken and each waits for
 * a right fork that its neighbour holds: a cycle through all five, a deadlock. In a real program
 * that moment is rare and so the bug hides; here a Barrier after the first fork makes it happen on
 * every run. The runtime finds the cycle in its wait-for graph and ends the run.
 */
import { Barrier, Lock, Thread, print, type ExampleMeta } from 'interleave';

export const meta: ExampleMeta = {
  title: 'Dining philosophers: left fork first, everyone at once',
  summary:
    'Each philosopher takes the left fork, then the right. When all of them hold a left fork, each waits for a neighbour: a cycle through the whole table. The detector draws it and ends the run.',
  params: {
    philosophers: { default: 5, min: 2, max: 10, label: 'Philosophers' },
  },
  timeLimitMs: 5000,
  expect: { kind: 'deadlock' },
};

export function philosopher(i: number, forks: Lock[], everyoneHasOne: Barrier): void {
  const n = forks.length;
  const left = forks[i] as Lock;
  const right = forks[(i + 1) % n] as Lock;
  left.acquire();
  print(`took fork ${i}`);
  everyoneHasOne.wait(); // the unlucky moment, made certain: all left forks are taken
  right.acquire(); // waits for the neighbour, who waits for theirs, ... all the way round
  print('eating (unreachable)');
  right.release();
  left.release();
}

export default function main({ philosophers: n }: { philosophers: number }): void {
  const forks = Array.from({ length: n }, (_, i) => new Lock({ name: `fork ${i}` }));
  const everyoneHasOne = new Barrier(n);
  const ps = Array.from({ length: n }, (_, i) => new Thread(philosopher, [i, forks, everyoneHasOne], { name: `P${i}` }));
  for (const p of ps) p.start();
  for (const p of ps) p.join();
}
