/**
 * Challenge: hand-over-hand in both directions: get both walkers through.
 *
 * A doubly linked list, head <-> A <-> tail, a lock per node. Hand-over-hand locking (see the
 * concurrent data structures article) cannot deadlock on a singly linked list: every thread takes
 * the locks in list order, head first, and a cycle of waits would need someone to take them the
 * other way round. Here T1 walks forward from the head while T2 walks backward from the tail, both
 * hand over hand, reading the links as they go. Taking the same locks in opposite orders is exactly
 * what lock ordering forbids (Havender 1968; the deadlocks article).
 *
 * Once each walker holds a lock, each wants the next lock towards the other, so two walks that
 * overlap at all deadlock; they get through only if one is over before the other starts. The
 * puzzle is to find such a schedule among the many that deadlock (Explore counts them).
 *
 * Run makes the deadlock certain: after its first hand-over each walker waits until the other has
 * taken its first lock (at most `pauseMs`), so both hold a lock the other wants. Waiting for the
 * other, rather than pausing for a fixed time, keeps it certain when one worker starts late. Step
 * mode takes the wait out, and the reader decides.
 */
import { Lock, SharedArray, Thread, monotonic, print, sleep, type ExampleMeta } from 'interleave';

export const meta: ExampleMeta = {
  title: 'Hand over hand, from both ends',
  summary:
    'T1 walks a doubly linked list from the head and T2 from the tail, each holding one node’s lock until it has the next. Walking towards each other, they can each end up holding the lock the other needs.',
  params: {
    pauseMs: { default: 500, min: 0, max: 1000, step: 10, label: 'After the first hand-over, wait for the other walker at most (ms)' },
  },
  timeLimitMs: 5000,
  expect: { kind: 'deadlock' },
  step: { params: { pauseMs: 0 } },
  challenge: {
    goal: 'Get both walkers to the other end. Run deadlocks them every time; find a schedule that does not.',
    win: { kind: 'output', includes: ['both walks reached the other end'] },
    hints: [
      'Press Explore after a few tries: almost every schedule deadlocks. Why do so few get through?',
      'Each walker always holds one lock and wants the next one towards the other. Once each holds a lock, the other is bound to want it: they cannot pass each other.',
      'The walks must not overlap at all: one walker has to be done, every lock released, before the other takes its first.',
    ],
    order: 130,
  },
};

const HEAD = 0;
const A = 1;
const TAIL = 2;
const NONE = -1;

/** Walks from `start` along `links` (next or prev), holding a node until it has the next one. */
export function walk(locks: Lock[], links: SharedArray, start: number, far: number, pauseMs: number): void {
  let curr = start;
  (locks[curr] as Lock).acquire();
  let handovers = 0;
  for (let nxt = links.get(curr); nxt !== NONE; nxt = links.get(curr)) {
    (locks[nxt] as Lock).acquire(); // the next node first ...
    (locks[curr] as Lock).release(); // ... then let go of this one
    curr = nxt;
    if (++handovers === 1 && pauseMs > 0) {
      // (Run only: the worst moment.) Wait until the other walker holds its first lock, the far end.
      const until = monotonic() + pauseMs / 1000;
      while (!(locks[far] as Lock).locked() && monotonic() < until) sleep(0.0005);
    }
  }
  (locks[curr] as Lock).release();
}

export default function main({ pauseMs }: { pauseMs: number }): void {
  const locks = ['head', 'A', 'tail'].map((name) => new Lock({ name }));
  const next = new SharedArray('int32', [A, TAIL, NONE]);
  const prev = new SharedArray('int32', [NONE, HEAD, A]);
  const t1 = new Thread(walk, [locks, next, HEAD, TAIL, pauseMs], { name: 'T1' });
  const t2 = new Thread(walk, [locks, prev, TAIL, HEAD, pauseMs], { name: 'T2' });
  t1.start();
  t2.start();
  t1.join();
  t2.join();
  print('both walks reached the other end');
}
