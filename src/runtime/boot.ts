/**
 * What every worker does once the host's init message arrives, whatever the platform: install the
 * thread's identity, import the example, wait at the start gate, run the target, report how it ended.
 * The platform entries (host/browser-worker.ts, host/node-worker.ts, host/node-child.ts) only adapt
 * the message port, the module import and the stack-trace mapping.
 */
import { ctx, nowUs, post, releasePending, setContext, type HostPort } from './context.ts';
import { decodeValue } from './encode.ts';
import { ThreadKind, ThreadState, T_DONE, T_END_US, T_GATE, T_KIND, T_START_US, T_STATE, T_WAIT_OBJ, threadWord } from './layout.ts';
import { printError } from './print.ts';
import type { InitMessage, Target } from './protocol.ts';
import { installStepping, isStepAbort, stepThreadEnded } from './step.ts';

export interface BootPlatform {
  port: HostPort;
  importModule(url: string): Promise<Record<string, unknown>>;
  /** Maps a stack trace to TypeScript lines (browser: through the inline source map). */
  mapStack?(stack: string): Promise<string>;
}

type Runner = (target: Target) => unknown;
const builtins = new Map<string, Runner>();

/** Pools register the loop their workers run (a target that is not an export of the example). */
export function registerBuiltinTarget(kind: Target['kind'], run: Runner): void {
  builtins.set(kind, run);
}

/**
 * Keeps the frames that belong to the example (runtime and platform frames hidden) and shortens
 * their paths to the example's own, e.g. "at increment (race-conditions/counter-race.ts:12:7)".
 */
export function cleanStack(stack: string, exampleUrl: string): string {
  const frames = stack.split('\n').filter((l) => /^\s+at /.test(l));
  const mine = frames.filter((l) => !/[/\\]src[/\\]runtime[/\\]|\/_interleave\/(runtime|worker)\.js|[/\\](runtime|node-worker|node-child)\.mjs|node:internal|<anonymous>/.test(l));
  let dir = '';
  try {
    const u = new URL(exampleUrl);
    dir = decodeURIComponent(u.pathname.replace(/[^/]*$/, ''));
    const href = u.href.replace(/[^/]*$/, '');
    return (mine.length > 0 ? mine : frames).map((l) => l.split(href).join('').split(dir).join('')).join('\n');
  } catch {
    return (mine.length > 0 ? mine : frames).join('\n');
  }
}

export async function formatTraceback(e: unknown, platform: BootPlatform): Promise<{ message: string; traceback: string }> {
  const err = e instanceof Error ? e : new Error(String(e));
  let stack = err.stack ?? '';
  if (platform.mapStack) stack = await platform.mapStack(stack);
  const frames = cleanStack(stack, ctx.exampleUrl);
  const message = `${err.name}: ${err.message}`;
  const header = ctx.role === 'process' ? `Process ${ctx.name}:` : `Exception in thread ${ctx.name}:`;
  return { message, traceback: `${header}\nTraceback (most recent call first):\n${frames}\n${message}` };
}

function setState(state: ThreadState): void {
  const h = ctx.heap;
  if (h === null || ctx.tid === 0) return;
  Atomics.store(h, threadWord(ctx.tid, T_STATE), state);
  // Starters wait on the state word (start barrier); wake them.
  Atomics.notify(h, threadWord(ctx.tid, T_STATE));
}

/** Runs one worker's life. Resolves with the exit status (0 ok, 1 uncaught exception). */
export async function boot(init: InitMessage, platform: BootPlatform): Promise<number> {
  setContext(init, platform.port);
  if (init.step !== undefined) installStepping(init.step);
  let ok = true;
  try {
    const mod = await platform.importModule(init.exampleUrl);
    ctx.module = mod;
    const h = ctx.heap;
    if (h !== null && ctx.tid !== 0) {
      if (init.role === 'main') Atomics.store(h, threadWord(ctx.tid, T_KIND), ThreadKind.MAIN);
      if (init.role === 'thread') {
        setState(ThreadState.READY);
        const gate = threadWord(ctx.tid, T_GATE);
        // The starter stores 1 and then notifies; waiting on 0 cannot miss the opening.
        while (Atomics.load(h, gate) === 0) Atomics.wait(h, gate, 0);
      }
      Atomics.store(h, threadWord(ctx.tid, T_START_US), nowUs());
      setState(ThreadState.RUNNING);
    }
    const target = init.target;
    const builtin = builtins.get(target.kind);
    if (builtin !== undefined) {
      await builtin(target);
    } else {
      const fn = target.kind === 'main' ? mod['default'] : target.kind === 'export' ? mod[target.name] : undefined;
      if (typeof fn !== 'function') {
        throw new TypeError(target.kind === 'main' ? 'the example module must export its main function as default' : `the example has no exported function ${target.kind === 'export' ? target.name : ''}`);
      }
      const args = target.kind === 'main' ? [init.params] : init.args.map(decodeValue);
      await (fn as (...a: unknown[]) => unknown)(...args);
    }
  } catch (e) {
    ok = false;
    // A step run the host ended unwinds its parked threads with StepAbort: not the example's error.
    if (isStepAbort(e)) return finish(false);
    const { message, traceback } = await formatTraceback(e, platform);
    for (const line of traceback.split('\n')) printError(line);
    post({ type: 'thread-error', thread: ctx.name, message, traceback });
  }
  return finish(ok);
}

function finish(ok: boolean): number {
  // Threads started but never waited for still get to run (and together).
  try {
    releasePending();
  } catch {
    // The heap is gone only if the run is ending; nothing left to release.
  }
  const h = ctx.heap;
  if (h !== null && ctx.tid !== 0) {
    Atomics.store(h, threadWord(ctx.tid, T_END_US), nowUs());
    Atomics.store(h, threadWord(ctx.tid, T_WAIT_OBJ), -1);
    setState(ok ? ThreadState.DONE : ThreadState.FAILED);
    // Done word after the state: a joiner that wakes sees the final state.
    Atomics.store(h, threadWord(ctx.tid, T_DONE), 1);
    Atomics.notify(h, threadWord(ctx.tid, T_DONE));
    stepThreadEnded();
  }
  post({ type: 'done', ok });
  return ok ? 0 : 1;
}
