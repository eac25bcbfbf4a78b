/**
 * The articles' "Predict, then step" passages quote these figures: every schedule of each stepped
 * example, explored on real workers, and the replay links they print, replayed. If an example or the
 * engine changes an answer, this fails and names the passage to update.
 *
 * Variants a passage asks the reader to try by editing the code (`if` for `while`, compareExchange
 * for check-then-set) are explored too, from an edited copy of the source in a temporary folder.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { exploreExample, liveWorkers, stepExample } from '../../../src/runtime/host/node-host.ts';
import { parseSchedule, parseStepLink, type Schedule } from '../../../src/runtime/schedule.ts';

const EXAMPLES = path.resolve(import.meta.dirname, '../../../content/examples');
const ARTICLES = path.resolve(import.meta.dirname, '../../../content/articles');
const scratch = mkdtempSync(path.join(tmpdir(), 'interleave-known-answers-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A copy of an example with one exact piece of its source replaced (the edit a passage suggests). */
function edited(id: string, from: string, to: string): string {
  const source = readFileSync(path.join(EXAMPLES, `${id}.ts`), 'utf8');
  expect(source.split(from).length - 1, `${id} contains ${JSON.stringify(from)} once`).toBe(1);
  const file = path.join(scratch, `${id.replace('/', '-')}-edited.ts`);
  writeFileSync(file, source.replace(from, to));
  return file;
}

/**
 * The replay link in `article` that points at `anchor` and carries exactly `params` (the passage's
 * link): its schedule, and its params checked to be the ones the test explores.
 */
function linkSchedule(article: string, anchor: string, params: Record<string, number> = {}): Schedule {
  const text = readFileSync(path.join(ARTICLES, `${article}.mdx`), 'utf8');
  const hrefs = [...text.matchAll(/\]\((\/articles\/[^)\s]*\?schedule=[^)\s]*)\)/g)].map((m) => m[1] as string);
  const links = hrefs.filter((h) => h.endsWith(`#${anchor}`)).map((h) => parseStepLink(new URL(h, 'https://interleave.test')));
  const mine = links.filter((l) => JSON.stringify(l.params) === JSON.stringify(params));
  expect(mine, `${article}.mdx has one replay link to #${anchor} with params ${JSON.stringify(params)}`).toHaveLength(1);
  expect(mine[0]?.schedule).not.toBeNull();
  return mine[0]?.schedule ?? [];
}

async function replay(id: string, schedule: Schedule, params?: Record<string, number>) {
  const { session } = await stepExample(id, params ? { params } : {});
  try {
    return await session.replay(schedule);
  } finally {
    session.stop();
  }
}

function counters(state: { shared: { name: string; value: number }[] }): Record<string, number> {
  return Object.fromEntries(state.shared.map((s) => [s.name, s.value]));
}

describe('race-conditions: the unlocked and the locked counter', () => {
  it('2 threads x 2: totals 2, 3 and 4 over 70 schedules; the replay link ends at 2', async () => {
    const { report } = await exploreExample('race-conditions/counter-race');
    expect(report.complete).toBe(true);
    expect(report.schedules).toBe(70);
    expect(report.histogram).toBe('final total: 2 (32 schedules), 3 (32), 4 (6)');
    const state = await replay('race-conditions/counter-race', linkSchedule('race-conditions', 'ex-race-conditions-counter-race', { n: 2, threads: 2 }));
    expect(state.status).toBe('ended');
    expect(counters(state).total).toBe(2);
  });

  it('with the lock: 6 schedules, all 4', async () => {
    const { report } = await exploreExample('race-conditions/counter-lock');
    expect(report.schedules).toBe(6);
    expect(report.histogram).toBe('final total: 4 (6 schedules)');
    expect(report.firstFailure).toBeNull();
  });
});

describe('locks-in-depth: a flag is not a lock', () => {
  it('check, then set, one try each: 196 schedules, 120 with both threads inside; the replay link is one of them', async () => {
    const { report } = await exploreExample('locks-in-depth/check-then-set');
    expect(report.complete).toBe(true);
    expect(report.schedules).toBe(196);
    expect(report.histogram).toBe('final both inside: 0, flag: 0, inside: 0 (76 schedules), final both inside: 1, flag: 0, inside: 0 (120)');
    const state = await replay('locks-in-depth/check-then-set', linkSchedule('locks-in-depth', 'ex-locks-in-depth-check-then-set'));
    expect(state.status).toBe('ended');
    expect(counters(state)['both inside']).toBe(1);
    expect(state.end?.verdict.ok).toBe(false);
  });

  it('with compareExchange in place of the check and the set: nobody ever finds company', async () => {
    const file = edited(
      'locks-in-depth/check-then-set',
      'if (flag.load() !== FREE) continue; // taken: give up this try\n    flag.store(TAKEN);',
      'if (flag.compareExchange(FREE, TAKEN) !== FREE) continue;',
    );
    const { report } = await exploreExample(file);
    expect(report.complete).toBe(true);
    expect(report.schedules).toBe(8);
    expect(report.histogram).toBe('final both inside: 0, flag: 0, inside: 0 (8 schedules)');
    expect(report.firstFailure).toBeNull();
  });
});

describe('deadlocks: opposite order and one global order', () => {
  it('opposite order without the barrier: 6 schedules, 2 deadlock; the replay link deadlocks', async () => {
    const { report } = await exploreExample('deadlocks/opposite-order');
    expect(report.schedules).toBe(6);
    expect(report.histogram).toBe('deadlock (2 schedules), finished (4)');
    const state = await replay('deadlocks/opposite-order', linkSchedule('deadlocks', 'ex-deadlocks-opposite-order'));
    expect(state.end?.result.reason).toBe('deadlock');
    expect(state.end?.deadlock?.text).toMatch(/T1 holds A, waits for B; T2 holds B, waits for A/);
  });

  it('lock ordering, one transfer each way: 20 schedules, none deadlocks, no money lost', async () => {
    const { report } = await exploreExample('deadlocks/lock-ordering');
    expect(report.complete).toBe(true);
    expect(report.schedules).toBe(20);
    expect(report.histogram).toBe('final account 1: 1000000, account 2: 1000000, transfers: 2 (20 schedules)');
    expect(report.firstFailure).toBeNull();
  });
});

describe('synchronization: two consumers, one condition', () => {
  it('with while: 2,640 schedules, every item taken once, none fails', async () => {
    const { report } = await exploreExample('synchronization/condition-two-consumers');
    expect(report.complete).toBe(true);
    expect(report.schedules).toBe(2640);
    expect(report.histogram).toBe('final shelf: 0, taken: 2 (2640 schedules)');
    expect(report.firstFailure).toBeNull();
  }, 240_000);

  it('the replay link stops where C1 wakes up to an empty shelf, and with while it looks again and waits', async () => {
    const schedule = linkSchedule('synchronization', 'ex-synchronization-condition-two-consumers');
    const { session } = await stepExample('synchronization/condition-two-consumers');
    try {
      let state = await session.replay(schedule);
      expect(state.status).toBe('choosing');
      expect(counters(state)).toMatchObject({ shelf: 0, taken: 1 });
      const c1 = state.threads.find((t) => t.name === 'C1');
      expect(c1?.pending?.kind).toBe('wait');
      expect(state.enabled).toContain(c1?.number);
      state = await session.step(c1?.number ?? 1); // wakes up
      state = await session.step(c1?.number ?? 1); // looks again
      expect(state.history.at(-1)?.text).toBe('C1: load shelf → 0');
      state = await session.step(c1?.number ?? 1); // and waits again
      expect(state.threads.find((t) => t.name === 'C1')?.status).toBe('blocked');
    } finally {
      session.stop();
    }
  });

  it('with the loop as an if (recheck = 0): 20 of 2,152 schedules take from an empty shelf; the link is one of them', async () => {
    const { report } = await exploreExample('synchronization/condition-two-consumers', { params: { recheck: 0 } });
    expect(report.complete).toBe(true);
    expect(report.schedules).toBe(2152);
    expect(report.histogram).toBe('error: Error: took an item from an empty shelf (20 schedules), final shelf: 0, taken: 2 (2132)');
    const state = await replay('synchronization/condition-two-consumers', linkSchedule('synchronization', 'ex-synchronization-condition-two-consumers', { recheck: 0 }), { recheck: 0 });
    expect(state.status).toBe('ended');
    expect(state.end?.result.errors.map((e) => e.message).join('\n')).toContain('took an item from an empty shelf');
    // The same story is the first twelve steps of the link to the while version.
    const prefix = linkSchedule('synchronization', 'ex-synchronization-condition-two-consumers');
    expect(state.schedule.slice(0, prefix.length)).toEqual(prefix);
  }, 240_000);

  it('the edit the page suggests (the loop as `if`) has the same figures as recheck = 0', async () => {
    const file = edited(
      'synchronization/condition-two-consumers',
      'while (shelf.load() === 0) {\n        cond.wait();\n        // Step mode can set recheck = 0 to turn this loop into an `if`: wait at most once, then take.\n        if (recheck === 0) break;\n      }',
      'if (shelf.load() === 0) cond.wait();',
    );
    // The page tells the reader to make this edit and press Explore: the same figures as recheck = 0.
    const { report } = await exploreExample(file);
    expect(report.complete).toBe(true);
    expect(report.schedules).toBe(2152);
    expect(report.histogram).toBe('error: Error: took an item from an empty shelf (20 schedules), final shelf: 0, taken: 2 (2132)');
  }, 240_000);
});

describe('event-loops: a blocking read in the loop', () => {
  it('the replay link leaves the loop blocked on the slow inbox with the fast request queued; no schedule (1 preemption) answers during the pause', async () => {
    const state = await replay('event-loops/blocking-read', linkSchedule('event-loops', 'ex-event-loops-blocking-read'));
    expect(state.status).toBe('choosing');
    const loop = state.threads.find((t) => t.name === 'loop');
    expect(loop?.status).toBe('blocked');
    expect(loop?.blockedOn).toMatch(/slow inbox/);
    const fast = state.history.filter((r) => r.name === 'fast-1' && r.kind === 'put');
    expect(fast).toHaveLength(2); // its request, and its number on the ready queue
    const { report } = await exploreExample('event-loops/blocking-read', { bound: 1 });
    expect(report.schedules).toBeGreaterThan(100);
    expect(report.firstFailure).toBeNull(); // step.expect: "blocking handler: answered none during the pause"
  }, 240_000);
});

/** Explores every schedule of `id` and checks the count and histogram a passage quotes (and, if `correct`, that none fails). */
async function exploreFully(id: string, schedules: number, histogram: string, { correct = false } = {}) {
  const { report } = await exploreExample(id);
  expect(report.complete).toBe(true);
  expect(report.schedules).toBe(schedules);
  expect(report.histogram).toBe(histogram);
  if (correct) expect(report.firstFailure).toBeNull();
  return report;
}

describe('synchronization: semaphores the OSTEP way', () => {
  it('the bounded buffer with empty, full and a mutex: 36 schedules, every item once', async () => {
    await exploreFully('synchronization/semaphore-buffer', 36, 'final fill: 0, use: 0, consumed: 2 (36 schedules)', { correct: true });
  });

  it('the mutex before the semaphore: 11 schedules, 3 deadlock, the first found is C1 taking the mutex; the link is that one', async () => {
    const report = await exploreFully('synchronization/semaphore-mutex-first', 11, 'deadlock (3 schedules), final fill: 0, use: 0, consumed: 2 (8)');
    expect(report.firstFailure?.schedule).toEqual([1]);
    const link = linkSchedule('synchronization', 'ex-synchronization-semaphore-mutex-first');
    expect(link).toEqual(report.firstFailure?.schedule);
    const state = await replay('synchronization/semaphore-mutex-first', link);
    expect(state.end?.result.reason).toBe('deadlock');
    expect(state.end?.deadlock?.text).toBe('all threads blocked: MainThread waits for join C1; C1 waits for semaphore full; P1 waits for lock mutex');
  });

  it('the full buffer deadlocks too: P1 eight times ends with P1 holding the mutex, waiting for a free slot', async () => {
    // The passage: "let P1 put its first item and come back for the second (press 2 eight times)".
    const state = await replay('synchronization/semaphore-mutex-first', [2, 2, 2, 2, 2, 2, 2, 2]);
    expect(state.end?.result.reason).toBe('deadlock');
    expect(state.end?.deadlock?.text).toMatch(/C1 waits for lock mutex; P1 waits for semaphore empty/);
  });

  it('the Zemaphore as a lock, 2 threads x 1: 62 schedules, no update lost, 60 with a wait', async () => {
    await exploreFully('synchronization/zemaphore', 62, 'final waits: 0, mutex value: 1, total: 2 (2 schedules), final waits: 1, mutex value: 1, total: 2 (60)', { correct: true });
  });
});

describe('concurrency-bugs: an atomicity and an order violation, and their fixes', () => {
  it('check, then use: 3 schedules, 1 crashes; the link is that one', async () => {
    const report = await exploreFully('concurrency-bugs/check-then-use', 3, 'error: Error: segmentation fault: fputs() read through a NULL pointer (1 schedule), finished (2)');
    const link = linkSchedule('concurrency-bugs', 'ex-concurrency-bugs-check-then-use');
    expect(link).toEqual(report.firstFailure?.schedule);
    const state = await replay('concurrency-bugs/check-then-use', link);
    expect(state.end?.result.errors.map((e) => e.message).join('\n')).toContain('fputs() read through a NULL pointer');
  });

  it('with proc_info_lock: 2 schedules, none crashes', async () => {
    await exploreFully('concurrency-bugs/check-then-use-locked', 2, 'finished (2 schedules)', { correct: true });
  });

  it('used before it was set: 2 schedules, 1 crashes; the link is that one', async () => {
    const report = await exploreFully('concurrency-bugs/use-before-init', 2, 'error: Error: segmentation fault: mThread->State read through a NULL pointer (1 schedule), finished (1)');
    const link = linkSchedule('concurrency-bugs', 'ex-concurrency-bugs-use-before-init');
    expect(link).toEqual(report.firstFailure?.schedule);
    const state = await replay('concurrency-bugs/use-before-init', link);
    expect(state.end?.result.errors.map((e) => e.message).join('\n')).toContain('read through a NULL pointer');
  });

  it('with the flag and the condition: 9 schedules, none crashes', async () => {
    await exploreFully('concurrency-bugs/use-before-init-fixed', 9, 'finished (9 schedules)', { correct: true });
  });
});

describe('structured-concurrency: the first answer cancels the rest', () => {
  it('with the join: 134 schedules, none leaves a searcher running, both cleanups run every time, T1 cancelled in 100', async () => {
    await exploreFully(
      'structured-concurrency/first-answer',
      134,
      'final cancelled: 0, cleanups: 2, left running: 0 (34 schedules), final cancelled: 1, cleanups: 2, left running: 0 (100)',
      { correct: true },
    );
  }, 240_000);

  it('without the join: 330 of 363 schedules leave a searcher running (116 one, 214 two); the link leaves the finder closing', async () => {
    const { report } = await exploreExample('structured-concurrency/first-answer', { params: { join: 0 } });
    expect(report.complete).toBe(true);
    expect(report.schedules).toBe(363);
    expect(report.histogram).toBe(
      'final cancelled: 0, cleanups: 2, left running: 0 (13 schedules), final cancelled: 0, cleanups: 2, left running: 1 (26), final cancelled: 0, cleanups: 2, left running: 2 (24), final cancelled: 1, cleanups: 2, left running: 0 (20), final cancelled: 1, cleanups: 2, left running: 1 (90), final cancelled: 1, cleanups: 2, left running: 2 (190)',
    );
    const state = await replay('structured-concurrency/first-answer', linkSchedule('structured-concurrency', 'ex-structured-concurrency-first-answer', { join: 0 }), { join: 0 });
    expect(state.status).toBe('ended');
    expect(counters(state)['left running']).toBe(1);
    expect(state.end?.verdict.ok).toBe(false);
  }, 240_000);
});

describe('atomics: an atomic add and a CAS loop', () => {
  it('atomic add, 2 threads x 2: 6 schedules, all 4', async () => {
    const { report } = await exploreExample('atomics/counter-add');
    expect(report.schedules).toBe(6);
    expect(report.histogram).toBe('final total: 4 (6 schedules)');
  });

  it('CAS tickets, 2 threads, 2 tickets: 720 schedules, 2 sold on every one, at most 2 lost CAS attempts; the link loses one', async () => {
    const { report } = await exploreExample('atomics/cas-tickets');
    expect(report.complete).toBe(true);
    expect(report.schedules).toBe(720);
    expect(report.histogram).toBe('final pool: 0, sold: 2, CAS retries: 0 (80 schedules), final pool: 0, sold: 2, CAS retries: 1 (320), final pool: 0, sold: 2, CAS retries: 2 (320)');
    expect(report.firstFailure).toBeNull();
    const state = await replay('atomics/cas-tickets', linkSchedule('atomics', 'ex-atomics-cas-tickets'));
    expect(state.status).toBe('choosing');
    expect(state.history.filter((r) => !r.auto).at(-1)?.text).toMatch(/^T1: compareExchange pool .*→ 1/);
    expect(counters(state).pool).toBe(1);
  });

  it('leaves no worker behind', () => {
    expect(liveWorkers()).toBe(0);
  });
});

describe('concurrent data structures: each structure, and its broken variant', () => {
  const CDS = 'concurrent-data-structures';
  const ex = (name: string): string => `${CDS}/${name}`;
  const anchor = (name: string): string => `ex-${CDS}-${name}`;
  const article = readFileSync(path.join(ARTICLES, `${CDS}.mdx`), 'utf8').replace(/\s+/g, ' ');
  /** The passage quotes this text (a histogram, or a count in words), so the two cannot drift apart. */
  const quoted = (text: string): void => {
    expect(article, `${CDS}.mdx quotes ${JSON.stringify(text)}`).toContain(text);
  };

  it('approximate counter, 2 threads x 2, S = 2: 74 schedules, all end at 4', async () => {
    const { report } = await exploreExample(ex('approximate-counter'));
    expect(report.complete).toBe(true);
    expect(report.schedules).toBe(74);
    expect(report.histogram).toBe('final global: 4 (74 schedules)');
    quoted('`final global: 4 (74 schedules)`');
    quoted('With the lock, Explore runs 74 schedules');
    expect(report.firstFailure).toBeNull();
  });

  it('folding without the lock: 70 schedules, 36 lose a fold; the link is the first failing one and ends at 2', async () => {
    const { report } = await exploreExample(ex('unlocked-fold'));
    expect(report.complete).toBe(true);
    expect(report.schedules).toBe(70);
    expect(report.histogram).toBe('final global: 2 (36 schedules), 4 (34)');
    quoted('`final global: 2 (36 schedules), 4 (34)` over 70 schedules');
    const link = linkSchedule(CDS, anchor('unlocked-fold'));
    expect(report.firstFailure?.schedule).toEqual(link);
    const state = await replay(ex('unlocked-fold'), link);
    expect(state.status).toBe('ended');
    expect(counters(state).global).toBe(2);
  });

  it('hand-over-hand, remove(1) against insert(0): 21 schedules, every key where it belongs', async () => {
    const { report } = await exploreExample(ex('hand-over-hand'));
    expect(report.complete).toBe(true);
    expect(report.schedules).toBe(21);
    expect(report.histogram).toBe('final keys accounted: 2 (21 schedules)');
    quoted('Explore runs all 21 schedules');
    quoted('`final keys accounted: 2 (21 schedules)`');
    expect(report.firstFailure).toBeNull();
  });

  it('releasing pred too early: 7 of 100 schedules bring the removed key back; the link is the first of them', async () => {
    const { report } = await exploreExample(ex('early-release'));
    expect(report.complete).toBe(true);
    expect(report.schedules).toBe(100);
    expect(report.histogram).toBe('error: AssertionError: remove(1) returned true, yet 1 is in the list (7 schedules), finished (93)');
    quoted('Explore runs 100 schedules and 7 of them fail');
    quoted('`error: AssertionError: remove(1) returned true, yet 1 is in the list (7 schedules), finished (93)`');
    const link = linkSchedule(CDS, anchor('early-release'));
    expect(report.firstFailure?.schedule).toEqual(link);
    const state = await replay(ex('early-release'), link);
    expect(state.end?.result.errors.map((e) => e.message).join('\n')).toContain('remove(1) returned true, yet 1 is in the list');
  });

  it('two-lock queue, enqueue against dequeue on an empty queue: 226 schedules, the item out once in each', async () => {
    const { report } = await exploreExample(ex('two-lock-queue'));
    expect(report.complete).toBe(true);
    expect(report.schedules).toBe(226);
    expect(report.histogram).toBe('final items out: 1 (226 schedules)');
    quoted('Explore runs 226 schedules');
    quoted('`final items out: 1 (226 schedules)`');
    expect(report.firstFailure).toBeNull();
  });

  it('without the dummy node: 450 of 727 schedules lose the item; the link is the first of them', async () => {
    const { report } = await exploreExample(ex('queue-without-dummy'));
    expect(report.complete).toBe(true);
    expect(report.schedules).toBe(727);
    expect(report.histogram).toBe('final items out: 1 (450 schedules), 2 (277)');
    quoted('Explore runs 727 schedules');
    quoted('`final items out: 1 (450 schedules), 2 (277)`');
    const link = linkSchedule(CDS, anchor('queue-without-dummy'));
    expect(report.firstFailure?.schedule).toEqual(link);
    const state = await replay(ex('queue-without-dummy'), link);
    expect(counters(state)['items out']).toBe(1);
    // The other way round the passage describes: T2 reads tail first, T1 empties both ends, T2 links 3.
    const other = await replay(ex('queue-without-dummy'), parseSchedule('2 2 1 1 1 1 1 1 1 2 2 2'));
    expect(other.status).toBe('ended');
    expect(counters(other)['items out']).toBe(1);
  }, 240_000);

  it('striped map, two keys in two stripes: 252 schedules, both increments counted in each', async () => {
    const { report } = await exploreExample(ex('striped-map'));
    expect(report.complete).toBe(true);
    expect(report.schedules).toBe(252);
    expect(report.histogram).toBe('final counted: 2 (252 schedules)');
    quoted('Explore finds 252 schedules');
  });

  it('locking the first node without checking it: 12 of 30 schedules lose a key; the link is the first of them', async () => {
    const { report } = await exploreExample(ex('first-node-lock'));
    expect(report.complete).toBe(true);
    expect(report.schedules).toBe(30);
    expect(report.histogram).toBe('final counted: 2 (12 schedules), 3 (18)');
    quoted('Explore runs 30 schedules and reports `final counted: 2 (12 schedules), 3 (18)`');
    const link = linkSchedule(CDS, anchor('first-node-lock'));
    expect(report.firstFailure?.schedule).toEqual(link);
    const state = await replay(ex('first-node-lock'), link);
    expect(counters(state).counted).toBe(2);
  });

  it('with the check the page suggests: 34 schedules, every key counted', async () => {
    const file = edited(
      ex('first-node-lock'),
      "    // THE BUG: no check that `first` is still the bucket's first node. ConcurrentHashMap does\n    // `if (head != first) { release; try again }` here.\n",
      '    if (b.head.load() !== first) { lock.release(); continue; }\n',
    );
    const { report } = await exploreExample(file);
    expect(report.complete).toBe(true);
    expect(report.schedules).toBe(34);
    expect(report.histogram).toBe('final counted: 3 (34 schedules)');
    quoted('34 schedules, and every one counts all three keys');
  });

  it('leaves no worker behind', () => {
    expect(liveWorkers()).toBe(0);
  });
});
