/**
 * Challenge: break a "lock" made of one flag.
 *
 * To enter, a thread waits until `busy` is 0, then sets it to 1; to leave, it sets it back to 0.
 * Every access is atomic, and still two threads can get in: the check and the set are two steps,
 * and both threads can check before either sets. (mutual-exclusion/one-flag shows the cost in lost
 * updates; here you make it happen.)
 *
 * So that every step-mode schedule ends, a waiting thread re-checks the flag at most `patience`
 * times and then gives up its turn (step mode: 1; Run: practically forever). Run enters up to
 * 2,000,000 times per thread on two real cores and the assertion fails every time, usually within
 * the first thousands of entries. The race needs both threads on a core at the same instant, so the
 * count is set for a busy machine: with more runnable threads than cores, 500,000 entries missed
 * once in 30 runs (3 busy loops beside it) and in one CI-like run; 2,000,000 missed in none of 40.
 * A run the race spares costs about 1 s per million entries on such a machine.
 */
import { Thread, assert, counter, print, type ExampleMeta, type SharedInt } from 'interleave';

export const meta: ExampleMeta = {
  title: 'A flag for a lock',
  summary: 'Threads wait until a flag is 0, then set it to 1 and enter. Check and set are two separate steps, so both threads can pass the check before either sets the flag.',
  params: {
    n: { default: 2_000_000, min: 1_000, max: 10_000_000, step: 1_000, label: 'Entries per thread' },
  },
  expect: { kind: 'error', includes: 'AssertionError: both threads inside' },
  step: { params: { n: 1, patience: 1 } },
  challenge: {
    goal: 'Get both threads past the flag at once, so that the assertion inside fails.',
    win: { kind: 'error', includes: 'AssertionError' },
    hints: [
      'Taking the "lock" is two steps: read busy, then write 1 to it.',
      'What does T2 read if it looks at busy after T1 has looked but before T1 has written?',
      'Step T1 once (it reads busy = 0) and T2 once (it reads 0 too). Now both will set the flag and walk in: keep stepping until one of them counts the other inside.',
    ],
    order: 60,
  },
};

/** Waits until the flag looks free, then takes it. Returns false if it gave up. */
export function lock(busy: SharedInt, patience: number): boolean {
  for (let tries = 0; busy.value === 1; tries++) if (tries >= patience) return false; // wait until it looks free...
  busy.value = 1; // ...and take it. The other thread may have seen it free as well.
  return true;
}

export function enter(busy: SharedInt, inside: SharedInt, n: number, patience: number): void {
  for (let i = 0; i < n; i++) {
    if (!lock(busy, patience)) continue;
    // The critical section: at most one thread may be here.
    const others = inside.add(1);
    assert(others === 0, 'both threads inside');
    inside.sub(1);
    busy.value = 0;
  }
}

export default function main({ n, patience = Number.MAX_SAFE_INTEGER }: { n: number; patience?: number }): void {
  const busy = counter('busy');
  const inside = counter('inside');
  const threads = [1, 2].map((k) => new Thread(enter, [busy, inside, n, patience], { name: `T${k}` }));
  for (const t of threads) t.start();
  for (const t of threads) t.join();
  print('the flag kept them apart');
}
