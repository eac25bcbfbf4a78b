/**
 * Reading a run's heap from outside (the page every animation frame, the hosts when polling):
 * thread states, lock owners and waiters, live counters, and deadlocks. Pure functions over the
 * header (layout.ts) plus the names the host received by message. They only use Atomics.load, which
 * is allowed on the page's main thread (only waiting is not).
 *
 * The reads are not one atomic snapshot: a value may be a frame old. That is fine for display; the
 * deadlock detector guards against it by requiring the same cycle in two polls (see the hosts).
 */
import {
  C_EXPECTED,
  C_HAS_EXPECTED,
  C_INDEX,
  H_LOCK_WAITS,
  H_NEXT_COUNTER,
  H_NEXT_OBJ,
  H_NEXT_TID,
  H_NOTIFY_COUNT,
  MAX_COUNTERS,
  MAX_OBJECTS,
  MAX_THREADS,
  OBJECT_KIND_NAMES,
  ObjectKind,
  O_KIND,
  O_WORD,
  THREAD_KIND_NAMES,
  THREAD_STATE_NAMES,
  T_END_US,
  T_KIND,
  T_PROGRESS,
  T_PROGRESS_TOTAL,
  T_START_US,
  T_STATE,
  T_WAIT_KIND,
  T_WAIT_TIMED,
  T_WAIT_OBJ,
  ThreadState,
  WAIT_KIND_NAMES,
  WaitKind,
  counterWord,
  objectWord,
  threadWord,
} from './layout.ts';

/** Names received by message (they never change, so they are not in shared memory). */
export interface RunNames {
  threads: Map<number, string>;
  objects: Map<number, string>;
  counters: Map<number, string>;
}

export function emptyNames(): RunNames {
  return { threads: new Map(), objects: new Map(), counters: new Map() };
}

export interface ThreadInfo {
  id: number;
  name: string;
  kind: (typeof THREAD_KIND_NAMES)[number];
  state: (typeof THREAD_STATE_NAMES)[number];
  /** What a blocked thread waits for: 'lock', 'join', 'condition', ... ('none' otherwise). */
  waitKind: (typeof WAIT_KIND_NAMES)[number];
  /** Name of the lock/object/thread it waits for, or null. */
  waitingFor: string | null;
  progress: number;
  progressTotal: number;
  /** Milliseconds since the run's epoch; null until known. */
  startMs: number | null;
  endMs: number | null;
}

export interface LockInfo {
  id: number;
  name: string;
  kind: (typeof OBJECT_KIND_NAMES)[number];
  /** Owner thread's name, null when free. */
  owner: string | null;
  /** Names of the threads blocked on this lock. */
  waiters: string[];
}

export interface CounterInfo {
  name: string;
  value: number;
  expected: number | null;
}

export interface Telemetry {
  threads: ThreadInfo[];
  locks: LockInfo[];
  counters: CounterInfo[];
  /** Instrumentation: lock releases that had to notify, and acquires that had to sleep. */
  notifyCount: number;
  lockWaits: number;
}

function threadName(names: RunNames, tid: number): string {
  return names.threads.get(tid) ?? `thread ${tid}`;
}

function objectName(names: RunNames, id: number): string {
  return names.objects.get(id) ?? `object ${id}`;
}

function lockOwner(h: Int32Array, id: number): number {
  const kind = Atomics.load(h, objectWord(id, O_KIND));
  if (kind !== ObjectKind.LOCK && kind !== ObjectKind.RLOCK) return 0;
  // Owner encoding of lock.ts: word = tid << 1 | waiters bit.
  return Atomics.load(h, objectWord(id, O_WORD)) >> 1;
}

export function readCounters(h: Int32Array, names: RunNames): CounterInfo[] {
  const n = Math.min(Atomics.load(h, H_NEXT_COUNTER), MAX_COUNTERS);
  const out: CounterInfo[] = [];
  for (let i = 0; i < n; i++) {
    const idx = Atomics.load(h, counterWord(i, C_INDEX));
    if (idx === 0) continue; // being created
    out.push({
      name: names.counters.get(i) ?? `counter ${i}`,
      value: Atomics.load(h, idx),
      expected: Atomics.load(h, counterWord(i, C_HAS_EXPECTED)) === 1 ? Atomics.load(h, counterWord(i, C_EXPECTED)) : null,
    });
  }
  return out;
}

export function readTelemetry(h: Int32Array, names: RunNames): Telemetry {
  const nThreads = Math.min(Atomics.load(h, H_NEXT_TID), MAX_THREADS);
  const threads: ThreadInfo[] = [];
  for (let t = 1; t < nThreads; t++) {
    const state = Atomics.load(h, threadWord(t, T_STATE));
    if (state === ThreadState.UNUSED) continue;
    const waitKind = Atomics.load(h, threadWord(t, T_WAIT_KIND));
    const waitObj = Atomics.load(h, threadWord(t, T_WAIT_OBJ));
    const start = Atomics.load(h, threadWord(t, T_START_US));
    const end = Atomics.load(h, threadWord(t, T_END_US));
    threads.push({
      id: t,
      name: threadName(names, t),
      kind: THREAD_KIND_NAMES[Atomics.load(h, threadWord(t, T_KIND))] ?? 'thread',
      state: THREAD_STATE_NAMES[state] ?? 'running',
      waitKind: state === ThreadState.BLOCKED ? (WAIT_KIND_NAMES[waitKind] ?? 'none') : 'none',
      waitingFor: state !== ThreadState.BLOCKED || waitObj < 0 ? null : waitKind === WaitKind.JOIN ? threadName(names, waitObj) : objectName(names, waitObj),
      progress: Atomics.load(h, threadWord(t, T_PROGRESS)),
      progressTotal: Atomics.load(h, threadWord(t, T_PROGRESS_TOTAL)),
      startMs: start < 0 ? null : start / 1000,
      endMs: end < 0 ? null : end / 1000,
    });
  }
  const nObjects = Math.min(Atomics.load(h, H_NEXT_OBJ), MAX_OBJECTS);
  const locks: LockInfo[] = [];
  for (let id = 1; id < nObjects; id++) {
    const kind = Atomics.load(h, objectWord(id, O_KIND));
    if (kind !== ObjectKind.LOCK && kind !== ObjectKind.RLOCK) continue;
    const owner = lockOwner(h, id);
    locks.push({
      id,
      name: objectName(names, id),
      kind: OBJECT_KIND_NAMES[kind] ?? 'Lock',
      owner: owner === 0 ? null : threadName(names, owner),
      waiters: threads.filter((t) => t.waitKind === 'lock' && t.waitingFor === objectName(names, id)).map((t) => t.name),
    });
  }
  return { threads, locks, counters: readCounters(h, names), notifyCount: Atomics.load(h, H_NOTIFY_COUNT), lockWaits: Atomics.load(h, H_LOCK_WAITS) };
}

/** One edge of a deadlock cycle: `thread` holds `holds` and waits for `waitsFor` (held by the next). */
export interface DeadlockEdge {
  thread: string;
  holds: string;
  waitsFor: string;
}

export interface DeadlockReport {
  cycle: DeadlockEdge[];
  /** E.g. "T1 holds A, waits for B; T2 holds B, waits for A". */
  text: string;
}

/**
 * Finds a cycle in the wait-for graph: thread T waits for lock L (T_WAIT_KIND = LOCK) and L's owner
 * is U, or T joins U (JOIN). Returns the first cycle found, named, or null.
 */
export function findDeadlock(h: Int32Array, names: RunNames): DeadlockReport | null {
  const nThreads = Math.min(Atomics.load(h, H_NEXT_TID), MAX_THREADS);
  // next[t] = the thread t waits for; via[t] = the lock (or join) that edge goes through.
  const next = new Map<number, number>();
  const via = new Map<number, { kind: 'lock' | 'join'; id: number }>();
  // Each lock's owner is read once per pass: the lock changes hands while the pass reads, and two
  // reads of one lock could name two owners, a cycle through one lock that no moment ever had
  // (seen: "T1 holds L, waits for L; T2 holds L, waits for L" while three threads handed L around).
  const owners = new Map<number, number>();
  for (let t = 1; t < nThreads; t++) {
    if (Atomics.load(h, threadWord(t, T_STATE)) !== ThreadState.BLOCKED) continue;
    // A wait with a deadline ends by itself (acquire with a timeout): not a deadlock edge.
    if (Atomics.load(h, threadWord(t, T_WAIT_TIMED)) === 1) continue;
    const kind = Atomics.load(h, threadWord(t, T_WAIT_KIND));
    const obj = Atomics.load(h, threadWord(t, T_WAIT_OBJ));
    if (kind === WaitKind.LOCK && obj > 0) {
      let owner = owners.get(obj);
      if (owner === undefined) owners.set(obj, (owner = lockOwner(h, obj)));
      // Blocked on a lock it owns: confirm with the owner read now (the pass's read may predate a
      // release and a new wait) and the state read after it. A thread marks itself running before it
      // takes a lock (mutexLockSlow), so one still blocked after both reads really waits for itself;
      // otherwise the reads were torn and the edge is left out (the next poll reads again).
      if (owner === t && (lockOwner(h, obj) !== t || Atomics.load(h, threadWord(t, T_STATE)) !== ThreadState.BLOCKED)) continue;
      if (owner !== 0) {
        next.set(t, owner);
        via.set(t, { kind: 'lock', id: obj });
      }
    } else if (kind === WaitKind.JOIN && obj > 0) {
      const s = Atomics.load(h, threadWord(obj, T_STATE));
      if (s !== ThreadState.DONE && s !== ThreadState.FAILED) {
        next.set(t, obj);
        via.set(t, { kind: 'join', id: obj });
      }
    }
  }
  for (const start of next.keys()) {
    const seen: number[] = [];
    let t: number | undefined = start;
    while (t !== undefined && !seen.includes(t)) {
      seen.push(t);
      t = next.get(t);
    }
    if (t === undefined) continue;
    const cycle = seen.slice(seen.indexOf(t));
    // Only report cycles that consist of blocked threads (a join edge to a running thread is no cycle).
    const edges: DeadlockEdge[] = cycle.map((tid, i) => {
      const prev = cycle[(i + cycle.length - 1) % cycle.length] as number;
      const prevVia = via.get(prev);
      const myVia = via.get(tid);
      const holds = prevVia?.kind === 'lock' ? objectName(names, prevVia.id) : '(nothing the others wait for)';
      const waitsFor = myVia === undefined ? '?' : myVia.kind === 'lock' ? objectName(names, myVia.id) : `${threadName(names, myVia.id)} to finish`;
      return { thread: threadName(names, tid), holds, waitsFor };
    });
    const text = edges.map((e) => (e.holds.startsWith('(') ? `${e.thread} waits for ${e.waitsFor}` : `${e.thread} holds ${e.holds}, waits for ${e.waitsFor}`)).join('; ');
    return { cycle: edges, text };
  }
  return null;
}
