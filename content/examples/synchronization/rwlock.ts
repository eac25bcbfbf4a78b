/**
 * A read-write lock built from one Lock and one Condition.
 *
 * Any number of readers may hold it together; a writer holds it alone. The state lives in shared
 * words guarded by the Lock: `readers` (readers inside), `writer` (1 while a writer is inside) and
 * `waitingWriters`. A reader waits while a writer is inside OR waiting (writer preference: without
 * it, a steady stream of overlapping readers could keep a writer out forever). A writer waits while
 * anybody is inside. Every change that could let a waiter in ends with notifyAll(), because readers
 * and writers wait on the same condition for different things.
 *
 * The data: a pair [a, b] that writers keep equal, but only at the end of a write (a is written
 * first, b a moment later). Checks: a reader never sees a != b, a writer never finds anyone else
 * inside, readers really do overlap (at least two inside at once, or main raises), and `reads`
 * ends at readers * n.
 */
import { Condition, Lock, SharedArray, SharedInt, Thread, counter, print, sleep, type ExampleMeta } from 'interleave';

export const meta: ExampleMeta = {
  title: 'A read-write lock from a Lock and a Condition',
  summary: 'Readers share the lock and overlap; writers get it alone. Instruments check that no reader ever sees a half-finished write.',
  params: {
    readers: { default: 4, min: 2, max: 8, label: 'Reader threads' },
    writers: { default: 2, min: 1, max: 4, label: 'Writer threads' },
    n: { default: 20, min: 5, max: 200, label: 'Reads per reader' },
  },
  expect: { kind: 'exact', counter: 'reads' },
};

interface RWLock {
  cond: Condition;
  readers: SharedInt;
  writer: SharedInt;
  waitingWriters: SharedInt;
}

function makeRWLock(): RWLock {
  return { cond: new Condition(new Lock({ name: 'rw.mutex' }), { name: 'rw.changed' }), readers: new SharedInt(), writer: new SharedInt(), waitingWriters: new SharedInt() };
}

function acquireRead(rw: RWLock): void {
  rw.cond.acquire();
  try {
    // Writer preference: a waiting writer also keeps new readers out.
    while (rw.writer.value === 1 || rw.waitingWriters.value > 0) rw.cond.wait();
    rw.readers.value += 1;
  } finally {
    rw.cond.release();
  }
}

function releaseRead(rw: RWLock): void {
  rw.cond.acquire();
  try {
    rw.readers.value -= 1;
    if (rw.readers.value === 0) rw.cond.notifyAll(); // the last reader out may let a writer in
  } finally {
    rw.cond.release();
  }
}

function acquireWrite(rw: RWLock): void {
  rw.cond.acquire();
  try {
    rw.waitingWriters.value += 1;
    while (rw.writer.value === 1 || rw.readers.value > 0) rw.cond.wait();
    rw.waitingWriters.value -= 1;
    rw.writer.value = 1;
  } finally {
    rw.cond.release();
  }
}

function releaseWrite(rw: RWLock): void {
  rw.cond.acquire();
  try {
    rw.writer.value = 0;
    rw.cond.notifyAll(); // waiting readers and writers both get to look again
  } finally {
    rw.cond.release();
  }
}

/** Instruments, updated with atomic operations so they need no lock of their own. */
interface Stats {
  readersInside: SharedInt;
  writersInside: SharedInt;
  maxReaders: SharedInt;
  reads: SharedInt;
  writes: SharedInt;
}

export function reader(rw: RWLock, pair: SharedArray, stats: Stats, n: number): void {
  for (let i = 0; i < n; i++) {
    acquireRead(rw);
    try {
      const inside = stats.readersInside.add(1) + 1;
      // Atomic max (a compare-and-swap loop; see the Atomics article).
      for (let m = stats.maxReaders.load(); inside > m; m = stats.maxReaders.load()) {
        if (stats.maxReaders.compareExchange(m, inside) === m) break;
      }
      if (stats.writersInside.load() !== 0) throw new Error('a reader is inside together with a writer');
      const a = pair.get(0);
      sleep(0.002); // a slow read: plenty of time for other readers to come in too
      const b = pair.get(1);
      if (a !== b) throw new Error(`torn read: a=${a}, b=${b}`);
      stats.reads.add(1);
      stats.readersInside.sub(1);
    } finally {
      releaseRead(rw);
    }
    sleep(0.001);
  }
}

export function writer(rw: RWLock, pair: SharedArray, stats: Stats, writes: number, id: number): void {
  for (let i = 1; i <= writes; i++) {
    acquireWrite(rw);
    try {
      if (stats.writersInside.add(1) !== 0 || stats.readersInside.load() !== 0) throw new Error('a writer is not alone');
      const v = id * 1_000 + i;
      pair.set(0, v);
      sleep(0.001); // between the two stores the pair is inconsistent: no reader may look now
      pair.set(1, v);
      stats.writes.add(1);
      stats.writersInside.sub(1);
    } finally {
      releaseWrite(rw);
    }
    sleep(0.004);
  }
}

export default function main({ readers, writers, n }: { readers: number; writers: number; n: number }): void {
  const rw = makeRWLock();
  const pair = new SharedArray('int32', 2);
  const stats: Stats = {
    readersInside: counter('readers inside'),
    writersInside: counter('writers inside'),
    maxReaders: counter('most readers at once'),
    reads: counter('reads', { expected: readers * n }),
    writes: counter('writes'),
  };
  const writesEach = Math.max(1, Math.round(n / 4));
  const threads = [
    ...Array.from({ length: readers }, (_, i) => new Thread(reader, [rw, pair, stats, n], { name: `R${i + 1}` })),
    ...Array.from({ length: writers }, (_, i) => new Thread(writer, [rw, pair, stats, writesEach, i + 1], { name: `W${i + 1}` })),
  ];
  for (const t of threads) t.start();
  for (const t of threads) t.join();
  if (stats.maxReaders.value < 2) throw new Error('readers never overlapped: this would be a plain mutex');
  print(`${stats.reads.value} reads, ${stats.writes.value} writes; up to ${stats.maxReaders.value} readers at once, writers always alone, no torn read`);
}
