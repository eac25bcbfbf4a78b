/**
 * Dining philosophers, fixed by ordering the forks.
 *
 * Number the forks and let every philosopher pick up the lower-numbered of their two forks first.
 * For all but the last philosopher that is still the left fork; the last one (whose forks are
 * n-1 and 0) now reaches for fork 0 first, the same fork as philosopher 0. One of those two gets
 * it, the other waits holding nothing, and the cycle around the table can no longer close.
 *
 * The counter `meals` must end at philosophers x meals, exactly; that is what the page checks.
 */
import { Lock, Thread, counter, print, progress, type ExampleMeta, type SharedInt } from 'interleave';

export const meta: ExampleMeta = {
  title: 'Dining philosophers: lower-numbered fork first',
  summary:
    'Every philosopher takes the lower-numbered fork first, so the last one reaches across for fork 0. A global order on the locks breaks the circular wait: everyone eats, every time.',
  params: {
    philosophers: { default: 5, min: 2, max: 10, label: 'Philosophers' },
    meals: { default: 20_000, min: 100, max: 200_000, step: 100, label: 'Meals each' },
  },
  expect: { kind: 'exact', counter: 'meals' },
};

export function philosopher(i: number, forks: Lock[], eaten: SharedInt, meals: number): void {
  const n = forks.length;
  const a = i;
  const b = (i + 1) % n;
  const first = forks[Math.min(a, b)] as Lock; // the global order: lower number first
  const second = forks[Math.max(a, b)] as Lock;
  for (let m = 0; m < meals; m++) {
    first.acquire();
    second.acquire();
    eaten.add(1); // eating, with both forks
    second.release();
    first.release();
    if (m % 1_024 === 0) progress(m, meals);
  }
  progress(meals, meals);
}

export default function main({ philosophers: n, meals }: { philosophers: number; meals: number }): void {
  const forks = Array.from({ length: n }, (_, i) => new Lock({ name: `fork ${i}` }));
  const eaten = counter('meals', { expected: n * meals });
  const ps = Array.from({ length: n }, (_, i) => new Thread(philosopher, [i, forks, eaten, meals], { name: `P${i}` }));
  for (const p of ps) p.start();
  for (const p of ps) p.join();
  print(`${n} philosophers ate ${eaten.value} meals (expected ${n * meals})`);
}
