/**
 * Dining philosophers, fixed by a waiter who seats at most n - 1 at a time.
 *
 * The forks are taken the naive way, left then right. What changes is that a philosopher first asks
 * the waiter for a seat, a Semaphore with n - 1 permits. With at most n - 1 philosophers at a table
 * of n forks, at least one of them can get both forks (pigeonhole), eat, and put them back, so the
 * circular wait can never include everyone.
 */
import { Lock, Semaphore, Thread, counter, print, progress, type ExampleMeta, type SharedInt } from 'interleave';

export const meta: ExampleMeta = {
  title: 'Dining philosophers: a waiter with n - 1 seats',
  summary:
    'The naive left-then-right protocol, but a Semaphore lets at most n - 1 philosophers reach for forks at once. Someone can always get both forks, so everyone eats.',
  params: {
    philosophers: { default: 5, min: 2, max: 10, label: 'Philosophers' },
    meals: { default: 20_000, min: 100, max: 200_000, step: 100, label: 'Meals each' },
  },
  expect: { kind: 'exact', counter: 'meals' },
};

export function philosopher(i: number, forks: Lock[], seats: Semaphore, eaten: SharedInt, meals: number): void {
  const n = forks.length;
  const left = forks[i] as Lock;
  const right = forks[(i + 1) % n] as Lock;
  for (let m = 0; m < meals; m++) {
    seats.acquire(); // ask the waiter for a seat: at most n - 1 are given out
    left.acquire();
    right.acquire();
    eaten.add(1); // eating
    right.release();
    left.release();
    seats.release(); // leave the table
    if (m % 1_024 === 0) progress(m, meals);
  }
  progress(meals, meals);
}

export default function main({ philosophers: n, meals }: { philosophers: number; meals: number }): void {
  const forks = Array.from({ length: n }, (_, i) => new Lock({ name: `fork ${i}` }));
  const seats = new Semaphore(n - 1, { name: 'waiter' });
  const eaten = counter('meals', { expected: n * meals });
  const ps = Array.from({ length: n }, (_, i) => new Thread(philosopher, [i, forks, seats, eaten, meals], { name: `P${i}` }));
  for (const p of ps) p.start();
  for (const p of ps) p.join();
  print(`${n} philosophers ate ${eaten.value} meals (expected ${n * meals})`);
}
