/**
 * A finer hash map that locks each bucket's first entry, and forgets to check it is still first.
 *
 * Java 8's ConcurrentHashMap has no stripes: to change a bucket, a thread locks the bucket's first
 * node, and puts a new key into an empty bucket with one compare-and-swap. But the first node is a
 * mutable value: another thread may put a new node in front of it. So after taking the lock,
 * ConcurrentHashMap checks that the node it locked is still the bucket's first, and starts over
 * if not (`putVal`: `if (tabAt(tab, i) == f)`). This map leaves that check out.
 *
 * One bucket holds key 0. T1 inserts key 1 and T2 inserts key 2, each at the front of the chain:
 *
 *   T1 reads the first node (key 0) and locks it; T2 reads the same first node and waits for it;
 *   T1 links 1 in front of 0, makes 1 the first node, and unlocks 0;
 *   T2 gets 0's lock, though 0 is no longer first, links 2 in front of 0 and makes 2 first.
 *
 * The chain is now 2 -> 0: key 1, inserted, is gone. Run makes the order certain (standing for the
 * scheduler choosing the worst moment) with a handshake, not a head start that a slow worker start
 * could undo: T2 begins only once T1 holds the lock, and T1 then pauses for `pauseMs`, ample time
 * for T2 to read the same first node and wait for its lock. Step mode has neither (pauseMs 0), and
 * Explore counts the schedules that lose a key. The repair is the check: after `lock.acquire()`,
 * if `head.load() !== first`, release and try again.
 */
import { Lock, SharedArray, SharedInt, Thread, counter, print, sleep, type ExampleMeta } from 'interleave';

export const meta: ExampleMeta = {
  title: 'Locking the first entry of a bucket, without checking it',
  summary:
    'Each thread locks the entry at the front of the bucket, then links its new key in front of it. A thread that locked the old front entry while another put a new one in front links its key before a stale entry, and the other key is lost.',
  params: {
    pauseMs: { default: 200, min: 0, max: 1000, step: 10, label: 'T1 pauses while it holds the lock (ms; 0: no pause, no handshake)' },
  },
  expect: { kind: 'lost-updates', counter: 'counted' },
  step: { params: { pauseMs: 0 } },
};

const NONE = 0;

/** One bucket: its first node, each node's successor and count, and a lock per node (key k is node k + 1). */
interface Bucket {
  head: SharedInt;
  next: SharedArray;
  counts: SharedArray;
  locks: Lock[];
}

/** Adds 1 to key's count, inserting it at the front if absent. */
export function increment(b: Bucket, key: number, pauseMs: number, locked?: SharedInt): void {
  const node = key + 1;
  for (;;) {
    const first = b.head.load();
    if (first === NONE) {
      // An empty bucket: put the node in with one compare-and-swap, no lock (as ConcurrentHashMap does).
      b.counts.set(node, 1);
      if (b.head.compareExchange(NONE, node) === NONE) return;
      continue;
    }
    const lock = b.locks[first] as Lock; // the lock is picked from a mutable value: the current first node
    lock.acquire();
    if (pauseMs > 0 && locked) {
      locked.store(1); // (Run only: the worst moment, made certain) let T2 go, then hold on
      sleep(pauseMs / 1000);
    }
    // THE BUG: no check that `first` is still the bucket's first node. ConcurrentHashMap does
    // `if (head != first) { release; try again }` here.
    let x = first;
    while (x !== NONE && x !== node) x = b.next.get(x);
    if (x === node) b.counts.set(node, b.counts.get(node) + 1);
    else {
      b.counts.set(node, 1);
      b.next.set(node, first);
      b.head.store(node);
    }
    lock.release();
    return;
  }
}

export function first(b: Bucket, pauseMs: number, locked: SharedInt): void {
  increment(b, 1, pauseMs, locked);
}

export function second(b: Bucket, pauseMs: number, locked: SharedInt): void {
  if (pauseMs > 0) while (locked.load() === 0) sleep(0.0005); // (Run only) start once T1 holds the lock
  increment(b, 2, 0);
}

export default function main({ pauseMs }: { pauseMs: number }): void {
  // Keys 0, 1, 2 are nodes 1, 2, 3; the bucket starts as key 0 with count 1.
  const counted = counter('counted', { expected: 3 });
  const b: Bucket = { head: new SharedInt(1), next: new SharedArray('int32', 4), counts: new SharedArray('int32', [0, 1, 0, 0]), locks: ['none', 'key 0', 'key 1', 'key 2'].map((name) => new Lock({ name })) };
  const locked = new SharedInt(0);
  const ts = [new Thread(first, [b, pauseMs, locked], { name: 'T1' }), new Thread(second, [b, pauseMs, locked], { name: 'T2' })];
  for (const t of ts) t.start();
  for (const t of ts) t.join();
  const keys: number[] = [];
  for (let x = b.head.load(); x !== NONE && keys.length < 4; x = b.next.get(x)) {
    keys.push(x - 1);
    counted.add(b.counts.get(x));
  }
  print(`the bucket holds keys [${keys.join(', ')}]${keys.includes(1) ? '' : ': key 1 was inserted and lost'}`);
}
