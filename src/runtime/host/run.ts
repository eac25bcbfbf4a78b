/**
 * One run of an example, host side, whatever the platform. The browser host and the Node host only
 * supply a `Platform` (how to start a worker or a process); everything else is here, so both hosts
 * behave the same:
 *
 *   - creates the run's heap (unless the run passes messages only) and the MainThread worker;
 *   - spawns every other worker on request (the host owns them all and ends them all at once);
 *   - polls the heap for a deadlock every 50 ms and ends the run with the named cycle;
 *   - ends the run at the time limit, on stop(), or when main and every thread/process have ended.
 *
 * Two jobs with state of their own live beside it: print-order.ts (output lines back in print
 * order) and message-broker.ts (ProcessQueue, Pipe and Process.join between processes). What stays
 * here is the life of one run: its members, its timers and its end.
 *
 * Runs on the page's main thread in the browser: it never blocks (no Atomics.wait), it only loads
 * from and stores to the heap.
 */
import {
  H_LOCK_WAITS,
  H_NEXT_TID,
  H_NOTIFY_COUNT,
  ThreadKind,
  ThreadState,
  T_DONE,
  T_END_US,
  T_KIND,
  T_STATE,
  createHeap,
  signalRunEnded,
  threadWord,
} from '../layout.ts';
import type { Encoded, HostToWorker, InitMessage, Role, Target, WorkerToHost } from '../protocol.ts';
import { MessageBroker } from './message-broker.ts';
import { PrintOrder } from './print-order.ts';
import { emptyNames, findDeadlock, readTelemetry, type CounterInfo, type DeadlockReport, type RunNames, type Telemetry, type ThreadInfo } from '../telemetry.ts';

/** One output line, in print order. */
export interface OutputLine {
  /** Position in the run's output (0, 1, 2, ...). */
  seq: number;
  /** Name of the printing thread, e.g. "MainThread", "T1". */
  thread: string;
  stream: 'out' | 'err';
  text: string;
}

export type EndReason = 'finished' | 'stopped' | 'time-limit' | 'deadlock' | 'error';

export interface ThreadError {
  thread: string;
  /** "Error: message". */
  message: string;
  /** Python-style report with the TypeScript lines of the example. */
  traceback: string;
}

export interface RunResult {
  /** finished: main and all threads ended normally; error: some thread raised (the rest still ran). */
  reason: EndReason;
  /** One sentence for people, e.g. "Stopped at the time limit (2 s)." */
  message: string;
  /** Wall time of the run on the host's clock, worker start-up included. */
  wallMs: number;
  output: OutputLine[];
  /** Per-thread state and times at the end (empty without shared memory). */
  threads: ThreadInfo[];
  /** Named counters at the end, with their expected values. */
  counters: CounterInfo[];
  deadlock: DeadlockReport | null;
  errors: ThreadError[];
  processes: { name: string; exitCode: number | null }[];
  /** Lock releases that notified, lock acquires that slept (instrumentation). */
  notifyCount: number;
  lockWaits: number;
}

export interface WorkerEvents {
  onMessage(message: WorkerToHost): void;
  /** The worker or process ended by itself or failed to load; `error` says why, if it crashed. */
  onExit(error: string | null, exitCode: number | null): void;
}

export interface WorkerHandle {
  post(message: HostToWorker): void;
  terminate(): void;
}

/** What a host must provide: starting a worker (thread, main) or a process. */
export interface Platform {
  spawn(role: Role, init: InitMessage, events: WorkerEvents): WorkerHandle;
}

export interface RunOptions {
  /** URL of the compiled example module, as the workers import it. */
  exampleUrl: string;
  /** Parameter values passed to the example's main. Default: {}. */
  params?: Readonly<Record<string, number>>;
  /** The run is ended after this long. Default: 10000. */
  timeLimitMs?: number;
  /** false: no shared heap (message-passing examples on a page without cross-origin isolation). Default: true. */
  shared?: boolean;
  /** Heap size in bytes. Default: 4 MiB. */
  heapBytes?: number;
  /** Called for every output line, in order. */
  onOutput?: (line: OutputLine) => void;
  /** Called once when the run ends, for any reason. */
  onEnd?: (result: RunResult) => void;
  /** How often the heap is checked for a deadlock. Default: 50 ms (a cycle must be seen twice).
   *  Infinity: never (a step run's scheduler sees deadlocks itself). */
  deadlockPollMs?: number;
  /** A step run (docs/stepping.md): passed to every thread's init. */
  step?: { readonly locate: boolean };
}

interface Member {
  role: Role;
  name: string;
  tid: number;
  key: string;
  handle: WorkerHandle | null;
  ended: boolean;
  exitCode: number | null;
  joiners: ((code: number | null) => void)[];
}

function now(): number {
  return performance.timeOrigin + performance.now();
}

export class Run {
  readonly heap: SharedArrayBuffer | null;
  readonly names: RunNames = emptyNames();
  readonly done: Promise<RunResult>;
  #h: Int32Array | null;
  #platform: Platform;
  #opts: RunOptions;
  #epoch = now();
  #members: Member[] = [];
  #printed: PrintOrder;
  #broker = new MessageBroker((key) => this.#members.find((x) => x.role === 'process' && x.key === key));
  #errors: ThreadError[] = [];
  #timers: ReturnType<typeof setTimeout>[] = [];
  #poll: ReturnType<typeof setInterval> | null = null;
  #lastCycle = '';
  #result: RunResult | null = null;
  #resolve: (r: RunResult) => void = () => {};
  #processCount = 0;

  constructor(platform: Platform, options: RunOptions) {
    this.#platform = platform;
    this.#opts = options;
    this.heap = options.shared === false ? null : createHeap(options.heapBytes);
    this.#h = this.heap ? new Int32Array(this.heap) : null;
    this.done = new Promise((resolve) => (this.#resolve = resolve));
    this.#printed = new PrintOrder((line) => options.onOutput?.(line));
  }

  /** Starts the MainThread worker and the run's timers. */
  start(): this {
    const h = this.#h;
    let tid = 0;
    if (h !== null) {
      tid = Atomics.add(h, H_NEXT_TID, 1);
      Atomics.store(h, threadWord(tid, T_KIND), ThreadKind.MAIN);
      Atomics.store(h, threadWord(tid, T_STATE), ThreadState.STARTING);
    }
    this.names.threads.set(tid, 'MainThread');
    this.#spawn('main', tid, '', 'MainThread', { kind: 'main' }, []);
    const limit = this.#opts.timeLimitMs ?? 10_000;
    if (Number.isFinite(limit)) this.#timers.push(setTimeout(() => this.#end('time-limit', `Stopped at the time limit (${limit / 1000} s).`), limit));
    if (h !== null && Number.isFinite(this.#opts.deadlockPollMs ?? 50)) {
      this.#poll = setInterval(() => this.#checkDeadlock(), this.#opts.deadlockPollMs ?? 50);
    }
    return this;
  }

  /** Ends the run at once with reason 'error' (e.g. refused: no cross-origin isolation), reported on the next microtask. */
  refuse(message: string): this {
    queueMicrotask(() => {
      this.#errors.push({ thread: 'host', message, traceback: message });
      this.#print(-1, { thread: 'host', stream: 'err', text: message });
      this.#end('error', message);
    });
    return this;
  }

  /** Ends every worker of the run at once. */
  stop(): void {
    this.#end('stopped', 'Stopped.');
  }

  /** Ends the run with a reason found outside it (a step run's scheduler: deadlock, time limit). */
  endWith(reason: EndReason, message: string, deadlock: DeadlockReport | null = null): void {
    this.#end(reason, message, deadlock);
  }

  get ended(): boolean {
    return this.#result !== null;
  }

  /** Live state from the heap (cheap: call it every animation frame). Null without shared memory. */
  telemetry(): Telemetry | null {
    return this.#h === null ? null : readTelemetry(this.#h, this.names);
  }

  /** Workers and processes of this run that are still alive. */
  liveWorkers(): number {
    return this.#members.filter((m) => m.handle !== null).length;
  }

  #spawn(role: Role, tid: number, key: string, name: string, target: Target, args: readonly Encoded[]): void {
    const member: Member = { role, name, tid, key, handle: null, ended: false, exitCode: null, joiners: [] };
    this.#members.push(member);
    const init: InitMessage = {
      type: 'init',
      role,
      heap: role === 'process' ? null : this.heap,
      tid: role === 'process' ? 0 : tid,
      name,
      exampleUrl: this.#opts.exampleUrl,
      target,
      args,
      params: this.#opts.params ?? {},
      epochMs: this.#epoch,
      idPrefix: role === 'process' ? `p${++this.#processCount}` : `t${tid}`,
      ...(this.#opts.step !== undefined && role !== 'process' ? { step: this.#opts.step } : {}),
    };
    try {
      member.handle = this.#platform.spawn(role, init, {
        onMessage: (m) => this.#onMessage(member, m),
        onExit: (error, code) => this.#onExit(member, error, code),
      });
    } catch (e) {
      this.#onExit(member, e instanceof Error ? e.message : String(e), 1);
    }
  }

  #print(seq: number, line: Omit<OutputLine, 'seq'>): void {
    this.#printed.add(seq, line);
  }

  #onMessage(member: Member, m: WorkerToHost): void {
    if (this.#result !== null) return;
    switch (m.type) {
      case 'print':
        this.#print(m.seq, { thread: m.thread, stream: m.stream, text: m.text });
        break;
      case 'spawn':
        if (m.role === 'thread') {
          this.names.threads.set(m.tid, m.name);
          this.#spawn('thread', m.tid, '', m.name, m.target, m.args);
        } else {
          this.#spawn('process', 0, m.key, m.name, m.target, m.args);
        }
        break;
      case 'name':
        (m.what === 'object' ? this.names.objects : this.names.counters).set(m.id, m.name);
        break;
      case 'thread-error':
        this.#errors.push({ thread: m.thread, message: m.message, traceback: m.traceback });
        break;
      case 'done':
        this.#finish(member, m.ok ? 0 : 1);
        break;
      case 'ipc':
        this.#broker.request((reply) => member.handle?.post(reply), m);
        break;
    }
  }

  #onExit(member: Member, error: string | null, code: number | null): void {
    if (this.#result !== null || member.ended) return;
    if (error !== null) {
      this.#errors.push({ thread: member.name, message: error, traceback: `Exception in ${member.role === 'process' ? 'process' : 'thread'} ${member.name}:\n${error}` });
      this.#print(-1, { thread: member.name, stream: 'err', text: `${member.name} crashed: ${error}` });
    }
    const h = this.#h;
    if (h !== null && member.tid !== 0 && member.role !== 'process') {
      // The worker died without reporting: mark it ended so the start barrier and joiners wake up.
      Atomics.store(h, threadWord(member.tid, T_STATE), ThreadState.FAILED);
      Atomics.notify(h, threadWord(member.tid, T_STATE));
      Atomics.store(h, threadWord(member.tid, T_DONE), 1);
      Atomics.notify(h, threadWord(member.tid, T_DONE));
    }
    this.#finish(member, code ?? 1);
  }

  #finish(member: Member, exitCode: number): void {
    if (member.ended) return;
    member.ended = true;
    member.exitCode = exitCode;
    member.handle?.terminate();
    member.handle = null;
    for (const j of member.joiners) j(exitCode);
    member.joiners = [];
    if (this.#members.every((x) => x.ended)) {
      const first = this.#errors[0];
      if (first === undefined) this.#end('finished', 'Finished.');
      else {
        // The message, not a count: "Finished with an uncaught exception in T2: AssertionError: ...".
        const what = this.#errors.length === 1 ? 'Finished with an uncaught exception' : `Finished with ${this.#errors.length} uncaught exceptions, the first`;
        this.#end('error', `${what} in ${first.thread}: ${first.message}${/[.!?]$/.test(first.message) ? '' : '.'}`);
      }
    }
  }

  #checkDeadlock(): void {
    const h = this.#h;
    if (h === null || this.#result !== null) return;
    const report = findDeadlock(h, this.names);
    // A cycle read in one pass might be torn; a real deadlock is still there one poll later.
    if (report !== null && report.text === this.#lastCycle) {
      this.#end('deadlock', `Deadlock: ${report.text}.`, report);
      return;
    }
    this.#lastCycle = report?.text ?? '';
  }

  #end(reason: EndReason, message: string, deadlock: DeadlockReport | null = null): void {
    if (this.#result !== null) return;
    for (const t of this.#timers) clearTimeout(t);
    if (this.#poll !== null) clearInterval(this.#poll);
    this.#broker.close();
    // Wake every blocked worker and make it leave (RunEnded) before terminating it: a worker that is
    // blocked in Atomics.wait or busy in JavaScript ignores terminate() until Chromium's forced
    // termination, about 2 s later; one that has returned to its event loop ends at once.
    const h0 = this.#h;
    if (h0 !== null) {
      signalRunEnded(h0);
      // Again shortly after: a worker that checked the word just before it was set and then went to
      // sleep missed the first notify (a window of a few instructions); these catch it.
      for (const ms of [5, 25, 100]) setTimeout(() => signalRunEnded(h0), ms);
    }
    for (const m of this.#members) {
      m.handle?.terminate();
      m.handle = null;
    }
    // Lines whose predecessors never arrived (their worker was ended mid-print) go out in seq order.
    this.#printed.flush();
    const h = this.#h;
    const wallMs = now() - this.#epoch;
    if (h !== null) {
      // Threads still running when the run was cut short get the end time of the run.
      for (let t = 1; t < Math.min(Atomics.load(h, H_NEXT_TID), 64); t++) {
        if (Atomics.load(h, threadWord(t, T_END_US)) < 0 && Atomics.load(h, threadWord(t, T_STATE)) !== ThreadState.UNUSED) {
          Atomics.store(h, threadWord(t, T_END_US), Math.round(wallMs * 1000));
        }
      }
    }
    const tele = h === null ? null : readTelemetry(h, this.names);
    this.#result = {
      reason,
      message,
      wallMs,
      output: this.#printed.lines,
      threads: tele?.threads ?? [],
      counters: tele?.counters ?? [],
      deadlock,
      errors: this.#errors,
      processes: this.#members.filter((m) => m.role === 'process').map((m) => ({ name: m.name, exitCode: m.exitCode })),
      notifyCount: h === null ? 0 : Atomics.load(h, H_NOTIFY_COUNT),
      lockWaits: h === null ? 0 : Atomics.load(h, H_LOCK_WAITS),
    };
    this.#opts.onEnd?.(this.#result);
    this.#resolve(this.#result);
  }
}
