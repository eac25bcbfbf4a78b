/**
 * Exercise: make every philosopher eat.
 *
 * The naive protocol again (left fork, then right fork), with meals to eat. Before the first meal
 * the philosophers sit down together: each one, holding the left fork, waits up to half a second
 * for the others to hold theirs. With the naive protocol they all do, and the table deadlocks on
 * every run.
 *
 * The statement of this example (`exact`: meals ends at philosophers x meals) is the goal, not what
 * the shipped code does: as shipped, the run ends in a deadlock and the page reports the goal as
 * not met. Change `philosopher()` so that everyone eats: order the forks, or add a waiter (a
 * Semaphore), or anything else that breaks one of the four conditions. Leave `sitDown()` in place:
 * with a correct protocol it only costs half a second, once.
 */
import { Lock, SharedInt, Thread, counter, monotonic, print, sleep, type ExampleMeta } from 'interleave';

export const meta: ExampleMeta = {
  title: 'Exercise: feed the philosophers',
  summary:
    'As shipped, five philosophers take the left fork, then the right, and deadlock on every run. Change the protocol so that all of them eat all their meals.',
  params: {
    philosophers: { default: 5, min: 2, max: 10, label: 'Philosophers' },
    meals: { default: 1_000, min: 1, max: 100_000, label: 'Meals each' },
  },
  timeLimitMs: 5000,
  expect: { kind: 'exact', counter: 'meals' },
  exercise: { goal: 'Change the protocol so that every philosopher eats every meal, with no deadlock.' },
};

/** Waits (up to 0.5 s) until every philosopher has called it: they all sit down at the same moment. */
function sitDown(seated: SharedInt, n: number): void {
  seated.add(1);
  const until = monotonic() + 0.5;
  while (seated.load() < n && monotonic() < until) sleep(0.001);
}

export function philosopher(i: number, forks: Lock[], seated: SharedInt, eaten: SharedInt, meals: number): void {
  const n = forks.length;
  const left = forks[i] as Lock;
  const right = forks[(i + 1) % n] as Lock;
  for (let m = 0; m < meals; m++) {
    left.acquire();
    if (m === 0) sitDown(seated, n);
    right.acquire();
    eaten.add(1); // eating
    right.release();
    left.release();
  }
}

export default function main({ philosophers: n, meals }: { philosophers: number; meals: number }): void {
  const forks = Array.from({ length: n }, (_, i) => new Lock({ name: `fork ${i}` }));
  const seated = new SharedInt(0);
  const eaten = counter('meals', { expected: n * meals });
  const ps = Array.from({ length: n }, (_, i) => new Thread(philosopher, [i, forks, seated, eaten, meals], { name: `P${i}` }));
  for (const p of ps) p.start();
  for (const p of ps) p.join();
  print(`${n} philosophers ate ${eaten.value} meals (expected ${n * meals})`);
}
