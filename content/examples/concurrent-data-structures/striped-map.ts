/**
 * A hash map with lock striping, against the same map under one lock (OSTEP ch. 29: a lock per
 * bucket; Herlihy & Shavit ch. 13: a fixed array of locks, "lock striping").
 *
 * The map counts words, as it were: `increment(key)` finds the key in its bucket's chain and adds 1
 * to its count, or links a new entry with count 1 at the front of the chain. Keys are small
 * integers and key k's entry is node k + 1 (0 means none), so the chains, the counts and the bucket
 * heads are all numbers in shared memory. Bucket b is guarded by lock b % stripes: the stripe
 * depends on the key alone, so two threads working on the same key always take the same lock,
 * and threads working in different stripes never wait for each other.
 *
 * Run: threads increment random keys, `n` each, with one lock and with `stripes` locks, in rounds of
 * 1, 2, ... threads (up to the CPUs the browser reports, at most `maxThreads`), PASSES passes on
 * the same threads, the best pass counting. Each key's count sits on its own cache line, and so does
 * each stripe's lock word, so that threads in different stripes share no written line. Check: after
 * each round the counts add up to every increment made (`counted`, exact).
 *
 * Step mode (`scenario: 1`): two buckets, two stripes; T1 increments key 0 and T2 key 1, both
 * already in the map, in different stripes.
 */
import { Barrier, Lock, SharedArray, Thread, counter, monotonic, print, type ExampleMeta } from 'interleave';

export const meta: ExampleMeta = {
  title: 'A striped hash map against one lock',
  summary:
    'Threads increment the counts of random keys in a hash map, first under one lock, then with a lock per bucket. Both count every increment; the table shows how each scales with threads on your machine.',
  params: {
    n: { default: 20_000, min: 1_000, max: 500_000, step: 1_000, label: 'Increments per thread, per round' },
    stripes: { default: 64, min: 1, max: 64, label: 'Locks (stripes) for the 64 buckets' },
    maxThreads: { default: 8, min: 1, max: 16, label: 'Most threads (no more than the reported CPUs)' },
  },
  expect: { kind: 'exact', counter: 'counted' },
  step: { params: { scenario: 1 }, ranges: { scenario: { min: 1, max: 1 } } },
};

const NONE = 0;
const BUCKETS = 64;
const KEYS = 1024;
/** Words between two keys' counts, and between two stripes' lock objects: one cache line. */
const LINE = 16;
const LOCK_STRIDE = 4; // lock objects are 4 words; every 4th one starts a new line
const PASSES = 5;

interface HashMap {
  heads: SharedArray; // per bucket: its first entry's node, or NONE
  next: SharedArray; // per node: the next entry in its bucket's chain
  counts: SharedArray; // per node, LINE words apart
  locks: Lock[]; // the stripes: bucket b is guarded by locks[b % locks.length]
  buckets: number;
}

/** Key k's bucket: a multiplicative hash (Knuth's), so that neighbouring keys spread out. */
const bucketOf = (m: HashMap, key: number): number => (Math.imul(key + 1, 0x9e3779b1) >>> 0) % m.buckets;

/** Adds 1 to key's count, inserting it if absent. The stripe is a function of the key alone. */
export function increment(m: HashMap, key: number): void {
  const b = bucketOf(m, key);
  const lock = m.locks[b % m.locks.length] as Lock;
  lock.acquire();
  const node = key + 1;
  let x = m.heads.get(b);
  while (x !== NONE && x !== node) x = m.next.get(x);
  if (x === node) {
    m.counts.set(node * LINE, m.counts.get(node * LINE) + 1); // read, then write: safe under the stripe's lock
  } else {
    m.counts.set(node * LINE, 1);
    m.next.set(node, m.heads.get(b)); // the new entry is private until the next line links it in
    m.heads.set(b, node);
  }
  lock.release();
}

/**
 * Run: one of the reused threads. Round r of `plan` gives the thread count and kind (0: one lock,
 * 1: striped); thread `me` takes part if me < threads.
 */
export function worker(me: number, maps: HashMap[], plan: SharedArray, go: Barrier, done: Barrier, n: number, times: SharedArray): void {
  let x = 2_463_534_242 + 7_919 * me; // each thread its own pseudo-random keys
  for (let r = 0; r < plan.length / 2; r++) {
    go.wait();
    if (me < plan.get(2 * r)) {
      const m = maps[plan.get(2 * r + 1)] as HashMap;
      times.set(2 * me, monotonic());
      for (let i = 0; i < n; i++) {
        x ^= x << 13;
        x ^= x >>> 17;
        x ^= x << 5;
        increment(m, (x >>> 0) % KEYS);
      }
      times.set(2 * me + 1, monotonic());
    }
    done.wait();
  }
}

/** `count` locks whose words are a cache line apart (3 unused lock objects between two). */
function spacedLocks(count: number, name: string): Lock[] {
  return Array.from({ length: count * LOCK_STRIDE }, (_, i) => new Lock({ name: `${name} ${Math.floor(i / LOCK_STRIDE)}${i % LOCK_STRIDE ? ' (padding)' : ''}` })).filter((_, i) => i % LOCK_STRIDE === 0);
}

function newMap(buckets: number, keys: number, locks: Lock[]): HashMap {
  return { heads: new SharedArray('int32', buckets), next: new SharedArray('int32', keys + 1), counts: new SharedArray('int32', (keys + 1) * LINE), locks, buckets };
}

/** Empties the map; returns the sum of the counts it held (and checks every chain on the way). */
function sumAndClear(m: HashMap): number {
  let sum = 0;
  for (let b = 0; b < m.buckets; b++) {
    for (let x = m.heads.get(b), steps = 0; x !== NONE; x = m.next.get(x), steps++) {
      if (steps > KEYS || bucketOf(m, x - 1) !== b) throw new Error(`bucket ${b} is broken: it holds node ${x}`);
      sum += m.counts.get(x * LINE);
      m.counts.set(x * LINE, 0);
    }
    m.heads.set(b, NONE);
  }
  return sum;
}

/** Thread counts of the rounds: every count up to 4, then doubling, and the most. */
function threadCounts(most: number): number[] {
  const out: number[] = [];
  for (let t = 1; t <= most; t = t < 4 ? t + 1 : t * 2) out.push(t);
  if (out.at(-1) !== most) out.push(most);
  return out;
}

export function stepIncrement(m: HashMap, key: number): void {
  increment(m, key);
}

export default function main({ n, stripes, maxThreads, scenario = 0 }: { n: number; stripes: number; maxThreads: number; scenario?: number }): void {
  if (scenario === 1) {
    // Step mode: 2 buckets, a lock each; keys 0 and 1 are in the map with count 0, in different
    // buckets. T1 adds 1 to key 0, T2 to key 1: every schedule must end with both counts at 1.
    const counted = counter('counted', { expected: 2 });
    const m = newMap(2, 2, [new Lock({ name: 'stripe 0' }), new Lock({ name: 'stripe 1' })]);
    for (const key of [0, 1]) {
      const b = bucketOf(m, key);
      m.next.set(key + 1, m.heads.get(b));
      m.heads.set(b, key + 1);
    }
    const ts = [0, 1].map((key) => new Thread(stepIncrement, [m, key], { name: `T${key + 1}` }));
    for (const t of ts) t.start();
    for (const t of ts) t.join();
    counted.add(sumAndClear(m));
    print(`${counted.value} of 2 increments counted`);
    return;
  }

  const reported = (typeof navigator === 'undefined' ? 0 : navigator.hardwareConcurrency) || 1;
  const most = Math.max(1, Math.min(reported, maxThreads));
  const counts = threadCounts(most);
  const order = counts.flatMap((t) => [t, 0, t, 1]);
  const plan = new SharedArray('int32', Array.from({ length: PASSES }, () => order).flat());
  const perPass = counts.reduce((a, t) => a + 2 * t * n, 0);
  const counted = counter('counted', { expected: PASSES * perPass });
  const maps = [newMap(BUCKETS, KEYS, [new Lock({ name: 'map lock' })]), newMap(BUCKETS, KEYS, spacedLocks(stripes, 'stripe'))];
  const times = new SharedArray('float64', 2 * most);
  const go = new Barrier(most + 1, { name: 'round start' });
  const done = new Barrier(most + 1, { name: 'round end' });
  const ws = Array.from({ length: most }, (_, i) => new Thread(worker, [i, maps, plan, go, done, n, times], { name: `T${i + 1}` }));
  for (const w of ws) w.start();

  const best = new Map<string, number>();
  for (let r = 0; r < plan.length / 2; r++) {
    const t = plan.get(2 * r);
    go.wait();
    done.wait();
    const m = maps[plan.get(2 * r + 1)] as HashMap;
    const sum = sumAndClear(m);
    counted.add(sum);
    if (sum !== t * n) print(`round of ${t} thread(s): the counts add up to ${sum}, not ${t * n}`);
    const tt = times.toArray().slice(0, 2 * t);
    const seconds = Math.max(...tt.filter((_, i) => i % 2 === 1)) - Math.min(...tt.filter((_, i) => i % 2 === 0));
    const key = `${plan.get(2 * r + 1)} ${t}`;
    best.set(key, Math.max(best.get(key) ?? 0, (t * n) / Math.max(seconds, 1e-6) / 1e6));
  }
  for (const w of ws) w.join();

  const rate = (kind: number, t: number): number => best.get(`${kind} ${t}`) ?? 0;
  print(`${reported} reported CPU${reported === 1 ? '' : 's'}: rounds of ${counts.join(', ')} thread${most === 1 ? '' : 's'}, each incrementing ${n.toLocaleString('en-US')} random keys of ${KEYS}; ${BUCKETS} buckets; best of ${PASSES} passes`);
  print(`threads   one lock (M ops/s)   ${stripes} lock${stripes === 1 ? '' : 's'} (M ops/s)   striped / one lock`);
  for (const t of counts) print(`${String(t).padStart(7)}   ${rate(0, t).toFixed(2).padStart(18)}   ${rate(1, t).toFixed(2).padStart(16 + String(stripes).length - (stripes === 1 ? 1 : 0))}   ${(rate(1, t) / rate(0, t)).toFixed(2).padStart(18)}`);
  print(`${counted.value.toLocaleString('en-US')} of ${(PASSES * perPass).toLocaleString('en-US')} increments counted`);
  const last = counts.at(-1) ?? 1;
  if (last === 1) return;
  const striped = rate(1, last) / rate(1, 1);
  const single = rate(0, last) / rate(0, 1);
  print(
    striped >= 1.3
      ? `${last} threads did ${striped.toFixed(1)}x the increments per second of 1 with ${stripes} locks, and ${single.toFixed(2)}x with one lock.`
      : `With ${stripes} locks ${last} threads did only ${striped.toFixed(2)}x the increments per second of 1 (one lock: ${single.toFixed(2)}x): the threads did not get a core each (a busy machine, or fewer cores than reported), so this run cannot show scaling.`,
  );
}
