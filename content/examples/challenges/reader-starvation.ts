/**
 * Challenge: reader starvation.
 *
 * A readers-writers lock with writer preference, made of one Lock, one Condition and three counts:
 * `writers` (writers inside or waiting), `writing` (1 while a writer is inside) and `readers`.
 * A reader waits while any writer is inside or waiting; a writer waits only while someone is inside.
 * Courtois, Heymans and Parnas ("Concurrent Control with 'Readers' and 'Writers'", CACM 14(10),
 * 1971) gave both one-sided solutions and noted the price: with readers first, writers can wait
 * forever; with writers first, readers can. Here nothing stops a writer that has just left from
 * coming straight back in ahead of a reader that has been waiting all along.
 *
 * The assertion states what a fair (first come, first served) lock would guarantee: a reader that
 * arrives while k writers are inside or waiting lets at most those k writes go ahead of it. A write
 * by a writer that arrived after the reader means the reader was passed over.
 *
 * Run: writers write back to back (a write takes 1 ms, sleeping) and the reader arrives 20 ms in; it
 * waits until the writers are done, every time. Step: one writer, two writes; the sleeps are not
 * choices.
 */
import { Condition, Lock, Thread, assert, counter, print, sleep, type ExampleMeta, type SharedInt } from 'interleave';

export const meta: ExampleMeta = {
  title: 'Challenge: the reader who never gets in',
  summary: 'A read-write lock that prefers writers keeps a reader waiting while writers come and go, even a writer that arrived after the reader.',
  params: {
    writers: { default: 2, min: 1, max: 4, label: 'Writer threads' },
    writes: { default: 50, min: 2, max: 100, label: 'Writes per writer' },
  },
  expect: { kind: 'error', includes: 'AssertionError' },
  // Step mode: one writer with two writes, one reader with one read.
  step: { params: { writers: 1, writes: 2 }, ranges: { writers: { min: 1, max: 2 }, writes: { min: 2, max: 3 } } },
  challenge: {
    goal: 'Make the reader wait while a writer that arrived after it writes first, so that its assertion fails.',
    win: { kind: 'error', includes: 'AssertionError' },
    hints: [
      'The reader only counts if it has to wait: it must arrive while the writer is inside.',
      'A fair lock would let the reader in as soon as the writer leaves. This one lets in anybody when no writer is inside or waiting. Who could that be?',
      'Let the writer get in, then let the reader arrive and wait. Now keep the reader waiting: let the writer leave and come straight back for its second write before the reader looks again.',
    ],
    order: 110,
  },
};

interface RWLock {
  cond: Condition;
  writers: SharedInt; // writers inside or waiting
  writing: SharedInt; // 1 while a writer is inside
  readers: SharedInt; // readers inside
  writes: SharedInt; // writes finished
}

function acquireRead(rw: RWLock): void {
  rw.cond.acquire();
  try {
    if (rw.writers.value > 0) {
      const ahead = rw.writers.value; // the writers here before me: a fair lock lets only them go first
      const before = rw.writes.value;
      // Writer preference: any writer inside or waiting, even one that came after me, goes first.
      while (rw.writers.value > 0) rw.cond.wait();
      const passed = rw.writes.value - before;
      assert(passed <= ahead, `the reader waited while ${passed} writes went ahead of it; only ${ahead} writer(s) were there when it arrived`);
    }
    rw.readers.value += 1;
  } finally {
    rw.cond.release();
  }
}

function releaseRead(rw: RWLock): void {
  rw.cond.acquire();
  try {
    rw.readers.value -= 1;
    rw.cond.notifyAll();
  } finally {
    rw.cond.release();
  }
}

function acquireWrite(rw: RWLock): void {
  rw.cond.acquire();
  try {
    rw.writers.value += 1;
    while (rw.writing.value === 1 || rw.readers.value > 0) rw.cond.wait();
    rw.writing.value = 1;
  } finally {
    rw.cond.release();
  }
}

function releaseWrite(rw: RWLock): void {
  rw.cond.acquire();
  try {
    rw.writing.value = 0;
    rw.writers.value -= 1;
    rw.writes.value += 1;
    rw.cond.notifyAll(); // wakes the reader, who finds any writer that is already back
  } finally {
    rw.cond.release();
  }
}

export function writer(rw: RWLock, writes: number): void {
  for (let i = 0; i < writes; i++) {
    acquireWrite(rw);
    sleep(0.001); // writing
    releaseWrite(rw);
  }
}

export function reader(rw: RWLock): void {
  sleep(0.02); // (Run's timing: arrives while the writers are busy)
  acquireRead(rw);
  print('reading');
  releaseRead(rw);
}

export default function main({ writers, writes }: { writers: number; writes: number }): void {
  const rw: RWLock = {
    cond: new Condition(new Lock({ name: 'rw lock' }), { name: 'rw changed' }),
    writers: counter('writers'),
    writing: counter('writing'),
    readers: counter('readers'),
    writes: counter('writes'),
  };
  // The writers are T1..Tk, the reader comes last.
  const threads = [...Array.from({ length: writers }, (_, i) => new Thread(writer, [rw, writes], { name: `T${i + 1}` })), new Thread(reader, [rw], { name: `T${writers + 1}` })];
  for (const t of threads) t.start();
  for (const t of threads) t.join();
  print(`${rw.writes.value} writes, and the reader got in`);
}
