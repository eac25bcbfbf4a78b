/**
 * Challenge: make the total come out at 2.
 *
 * Two threads each add 1 to `total` twice, with `total.value += 1`: a load, then a store. Four
 * increments, and everyone expects 4. A lost update loses one; the challenge is to lose two, the
 * fewest that can be left. (It is the smallest case of a known result: n threads doing k unlocked
 * increments each can end anywhere from 2 up to n x k.)
 *
 * Run does the same with a million increments each on two real cores, and loses updates every time.
 */
import { Thread, counter, print, type ExampleMeta, type SharedInt } from 'interleave';

export const meta: ExampleMeta = {
  title: 'Four increments, a total of 2',
  summary: 'Two threads each add 1 to a shared total twice, without a lock. A lost update costs one increment; losing two leaves 2.',
  params: {
    n: { default: 1_000_000, min: 100_000, max: 5_000_000, step: 100_000, label: 'Increments per thread' },
  },
  expect: { kind: 'lost-updates', counter: 'total' },
  step: { params: { n: 2 } },
  challenge: {
    goal: 'Make the total come out at 2, not 4, after both threads have added 1 twice.',
    win: { kind: 'counter', counter: 'total', equals: 2 },
    hints: [
      'One lost update leaves 3. To lose two, a thread must overwrite more than one increment of the other at once.',
      'A thread can load a value early, let the other thread run for a while, and then store an old value plus one.',
      'Step T1 once (it loads 0). Step T2 three times (it stores 1 and loads 1). Step T1 three times: it stores 1, loads 1, stores 2, and T1 is done. Step T2 once: it stores 1 + 1 = 2.',
    ],
    order: 40,
  },
};

export function increment(total: SharedInt, n: number): void {
  for (let i = 0; i < n; i++) total.value += 1;
}

export default function main({ n }: { n: number }): void {
  const total = counter('total', { expected: 2 * n });
  const threads = [1, 2].map((k) => new Thread(increment, [total, n], { name: `T${k}` }));
  for (const t of threads) t.start();
  for (const t of threads) t.join();
  print(`expected ${2 * n}, got ${total.value}`);
}
