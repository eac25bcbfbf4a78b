/**
 * A Barrier splits work into phases: nobody starts phase p + 1 until everybody has finished phase p.
 *
 * Each thread owns one slot of a shared array. In every phase it works for a while (a different
 * time for each thread and phase, so they arrive at the barrier at different moments), writes the
 * phase number into its slot, and waits at the barrier. Once released, it reads every other slot:
 * all of them must already hold this phase's number. A second wait keeps a fast thread from writing
 * the next phase's number while a slow one is still reading this phase's.
 *
 * The same Barrier object serves every phase: it counts arrivals per generation and resets itself
 * when the last thread arrives. Checks: every read sees the whole phase (a stale slot raises), and
 * `checks` ends at threads * phases.
 */
import { Barrier, SharedArray, Thread, counter, print, sleep, type ExampleMeta, type SharedInt } from 'interleave';

export const meta: ExampleMeta = {
  title: 'A reusable Barrier, phase by phase',
  summary: 'Threads that finish a phase at different times wait for each other at a Barrier; after it, each sees every other thread\'s result for that phase.',
  params: {
    threads: { default: 4, min: 2, max: 8, label: 'Threads' },
    phases: { default: 5, min: 1, max: 20, label: 'Phases' },
  },
  expect: { kind: 'exact', counter: 'checks' },
};

export function phaseWorker(me: number, threads: number, phases: number, barrier: Barrier, slots: SharedArray, checks: SharedInt): void {
  for (let phase = 1; phase <= phases; phase++) {
    // Uneven work: thread `me` is the slowest in one phase and the fastest in another.
    sleep((((me + phase) % threads) * 4) / 1000);
    slots.set(me, phase);
    const arrival = barrier.wait(); // 0 .. threads-1, different for each thread in a generation
    for (let other = 0; other < threads; other++) {
      const seen = slots.get(other);
      if (seen !== phase) throw new Error(`phase ${phase}: slot ${other} still holds ${seen}`);
    }
    checks.add(1);
    // Everyone has read this phase before anyone overwrites a slot with the next one.
    barrier.wait();
    if (arrival === 0) print(`phase ${phase}: all ${threads} results seen by all ${threads} threads`);
  }
}

export default function main({ threads, phases }: { threads: number; phases: number }): void {
  const barrier = new Barrier(threads, { name: 'phase barrier' });
  const slots = new SharedArray('int32', threads);
  const checks = counter('checks', { expected: threads * phases });
  const workers = Array.from({ length: threads }, (_, i) => new Thread(phaseWorker, [i, threads, phases, barrier, slots, checks], { name: `T${i + 1}` }));
  for (const t of workers) t.start();
  for (const t of workers) t.join();
  print(`${checks.value} checks passed; one Barrier served ${2 * phases} generations`);
}
