/**
 * Challenge: make the assertion fail.
 *
 * T1 keeps `x` even: it adds 2, but as two increments of 1, and each increment is itself a load and
 * a store. T2 looks at `x` and asserts that it is even. Each line of T1 is correct and the invariant
 * holds whenever T1 is between rounds; the reader, as the scheduler, decides when T2 looks.
 *
 * Run does the same a million times on two real cores, and T2 keeps looking until T1 is done: it
 * catches an odd `x` long before the end. In step mode T2 looks once (`looks: 1`), so that every
 * schedule ends.
 */
import { Thread, assert, counter, print, type ExampleMeta, type SharedInt } from 'interleave';

export const meta: ExampleMeta = {
  title: 'Even, except in between',
  summary: 'T1 adds 2 to x as two increments of 1; T2 asserts that x is even. The assertion holds when T1 is between rounds, and only then.',
  params: {
    n: { default: 1_000_000, min: 1_000, max: 2_000_000, step: 1_000, label: 'Rounds per thread' },
  },
  expect: { kind: 'error', includes: 'AssertionError: x is odd' },
  step: { params: { n: 1, looks: 1 } },
  challenge: {
    goal: 'Make the assertion in T2 fail: x must be odd when T2 looks at it.',
    win: { kind: 'error', includes: 'AssertionError' },
    hints: [
      'T1 adds 2 in two pieces. Is x even between the two pieces?',
      'T2 reads x in one step. Let T1 take some of its steps first, and count how many.',
      'Step T1 twice (it loads 0, then stores 1), then step T2: it reads 1 and the assertion fails.',
    ],
    order: 10,
  },
};

/** Adds 2 to x, one at a time: x is even before and after, but not in between. */
export function addTwo(x: SharedInt, n: number): void {
  for (let i = 0; i < n; i++) {
    x.value += 1;
    x.value += 1;
  }
}

/** Checks that x is even, until T1 is done (x = 2n), at most `looks` times. */
export function check(x: SharedInt, n: number, looks: number): void {
  for (let i = 0; i < looks; i++) {
    const seen = x.value;
    assert(seen % 2 === 0, `x is odd (${seen})`);
    if (seen === 2 * n) break;
  }
}

export default function main({ n, looks = Number.MAX_SAFE_INTEGER }: { n: number; looks?: number }): void {
  const x = counter('x');
  const t1 = new Thread(addTwo, [x, n], { name: 'T1' });
  const t2 = new Thread(check, [x, n, looks], { name: 'T2' });
  t1.start();
  t2.start();
  t1.join();
  t2.join();
  print(`x = ${x.value}; T2 saw it even every time`);
}
