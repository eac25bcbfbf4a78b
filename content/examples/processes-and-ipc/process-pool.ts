/**
 * A pool of two worker processes counts primes in several ranges; map() returns the counts in the
 * order of the input, whichever process finished first.
 *
 * Like Python's ProcessPoolExecutor.map: each task (a function name and its argument) is copied to
 * a free worker process, and each result is copied back. The pool starts its processes once and
 * reuses them, so the start-up cost (tens of milliseconds each) is paid twice, not once per task.
 * The first task is the biggest, so it usually finishes last; its result still comes first.
 */
import { ProcessPool, monotonic, print, type ExampleMeta } from 'interleave';

export const meta: ExampleMeta = {
  title: 'A process pool, results in order',
  summary: 'ProcessPool(2).map counts the primes below several limits in two worker processes; the results come back in the order of the limits, not the order the work finished.',
  params: {
    scale: { default: 4, min: 1, max: 20, label: 'Work per task (×100,000)' },
  },
  needs: 'messages',
  expect: { kind: 'output', includes: ['results in input order: yes'] },
};

/** Trial division: deliberately plain CPU-bound work. Runs in a pool process. */
export function countPrimes(limit: number): { limit: number; primes: number; finishedAt: number } {
  let primes = 0;
  for (let n = 2; n < limit; n++) {
    let prime = true;
    for (let d = 2; d * d <= n; d++) {
      if (n % d === 0) {
        prime = false;
        break;
      }
    }
    if (prime) primes++;
  }
  return { limit, primes, finishedAt: monotonic() };
}

export default async function main({ scale }: { scale: number }): Promise<void> {
  // Biggest first: it finishes last, which makes "results in input order" worth checking.
  const limits = [8, 1, 5, 2, 6, 3].map((k) => k * scale * 12_500);
  const pool = new ProcessPool(2);
  const t0 = monotonic();
  const results = await pool.map(countPrimes, limits);
  const ms = (monotonic() - t0) * 1000;
  await pool.close();
  for (const r of results) print(`primes below ${r.limit}: ${r.primes}`);
  const finishOrder = [...results].sort((a, b) => a.finishedAt - b.finishedAt).map((r) => limits.indexOf(r.limit));
  print(`tasks finished in the order ${finishOrder.join(', ')} (index into the input)`);
  print(`results in input order: ${results.every((r, i) => r.limit === limits[i]) ? 'yes' : 'no'}`);
  print(`${limits.length} tasks on 2 processes: ${ms.toFixed(0)} ms, including starting the processes`);
}
