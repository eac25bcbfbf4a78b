/**
 * A lock made of one flag, tried once at a time: check that it is free, then set it.
 *
 * Each try is: read the flag; if it is taken, give up this try; otherwise write "taken", enter,
 * leave, write "free". No thread ever waits, so the program is short enough to step through and to
 * explore in full. Every access is one atomic load or store, and still two threads can be inside at
 * once: both read "free" before either writes "taken". The fix is to make the check and the set one
 * step, `flag.compareExchange(FREE, TAKEN)`, as the spinlock on the same page does.
 *
 * Checks: the `both inside` counter (entries that found the other thread already inside) must end at
 * 0 for a lock that works. Run prints how often it did not (and keeps trying, for at most 5 s, until
 * it has seen it once); Explore finds the schedules where it did not.
 */
import { Thread, counter, monotonic, print, progress, type ExampleMeta, type SharedInt } from 'interleave';

export const meta: ExampleMeta = {
  title: 'A flag lock, one try at a time',
  summary:
    'Two threads each try to take a one-word lock by checking that it is free and then setting it. Each access is atomic, yet both threads sometimes get in together: the page counts the entries that found company.',
  params: {
    tries: { default: 1_000_000, min: 100_000, max: 5_000_000, step: 100_000, label: 'Tries per thread' },
  },
  expect: { kind: 'output', includes: ['were inside at once'] },
  // Step mode: one try per thread (10 loads and stores at most), every schedule explored. A step run
  // is judged as a lock: nobody may find company inside.
  step: { params: { tries: 1, patient: 0 }, ranges: { tries: { min: 1, max: 2 } }, expect: { kind: 'exact', counter: 'both inside' } },
};

const FREE = 0;
const TAKEN = 1;

export function visitor(flag: SharedInt, inside: SharedInt, both: SharedInt, tries: number, patient: number): void {
  // Run: after its tries, a thread goes on trying until the two have met inside (for at most 5 s),
  // so that a busy machine that happens to run the threads one after the other still shows it.
  // Step mode (patient = 0): exactly `tries` tries, so that every schedule ends.
  const deadline = patient === 1 ? monotonic() + 5 : 0;
  for (let i = 0; i < tries || (patient === 1 && both.load() === 0 && monotonic() < deadline); i++) {
    // The lock, in two steps. Between them the other thread may read the same FREE.
    if (flag.load() !== FREE) continue; // taken: give up this try
    flag.store(TAKEN);
    // The critical section: add returns how many threads were already inside.
    if (inside.add(1) !== 0) both.add(1);
    inside.sub(1);
    flag.store(FREE);
    if (i % 65_536 === 0) progress(Math.min(i, tries), tries);
  }
  progress(tries, tries);
}

export default function main({ tries, patient = 1 }: { tries: number; patient?: number }): void {
  const both = counter('both inside', { expected: 0 });
  // Named, so that the step view says "load flag" rather than a word's address.
  const flag = counter('flag', { initial: FREE });
  const inside = counter('inside');
  const threads = [1, 2].map((k) => new Thread(visitor, [flag, inside, both, tries, patient], { name: `T${k}` }));
  for (const t of threads) t.start();
  for (const t of threads) t.join();
  if (both.value > 0) print(`the two threads were inside at once ${both.value === 1 ? 'once' : `${both.value} times`}`);
  else print('no try found the other thread inside this time; run it again');
}
