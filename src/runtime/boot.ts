/**
 * What every worker does once the host's init message arrives, whatever the platform: install the
 * thread's identity, import the example, wait at the start gate, run the target, report how it ended.
 * The platform entries (host/browser-worker.ts, host/node-worker.ts, host/node-child.ts) only adapt
 * the message port, the module import and the stack-trace mapping.
 */
import { ctx, futexWait, nowUs, post, releasePending, setContext, type HostPort } from './context.ts';
import { ImportError, RunEnded } from './errors.ts';
import { decodeValue } from './encode.ts';
import { ThreadKind, ThreadState, T_DONE, T_END_US, T_GATE, T_KIND, T_START_US, T_STATE, T_WAIT_OBJ, threadWord } from './layout.ts';
import { printError } from './print.ts';
import type { InitMessage, Target } from './protocol.ts';
import { exampleFrames, formatFrame, isRuntimeFrame, type Frame } from './frames.ts';
import { parseStack } from './stack.ts';
import { installStepping, isStepAbort, stepThreadEnded } from './step.ts';

export interface BootPlatform {
  port: HostPort;
  importModule(url: string): Promise<Record<string, unknown>>;
  /** Maps stack frames to TypeScript positions (browser: through each module's inline source map; Node maps its own). */
  mapFrames?(frames: readonly Frame[]): Promise<Frame[]>;
}

type Runner = (target: Target) => unknown;
const builtins = new Map<string, Runner>();

/** Pools register the loop their workers run (a target that is not an export of the example). */
export function registerBuiltinTarget(kind: Target['kind'], run: Runner): void {
  builtins.set(kind, run);
}

/**
 * "Exception in thread T1:", the frames of the example (innermost first, the runtime's hidden, at
 * TypeScript lines: `platform.mapFrames` in the browser, Node's own source-map support there), then
 * "Name: message". Reads the stack formats of V8, SpiderMonkey and JavaScriptCore (stack.ts).
 */
export async function formatTraceback(e: unknown, platform: BootPlatform): Promise<{ message: string; traceback: string }> {
  const err = e instanceof Error ? e : null;
  const message = err === null ? `Error: ${String(e)}` : `${err.name}: ${err.message}`;
  const header = ctx.role === 'process' ? `Process ${ctx.name}:` : `Exception in thread ${ctx.name}:`;
  // The example never ran: no traceback to give, the reason is the whole message.
  if (err instanceof ImportError) return { message, traceback: `${header}\n${message}` };
  let frames = parseStack(err?.stack);
  if (platform.mapFrames && frames.length > 0) frames = await platform.mapFrames(frames);
  const shown = exampleFrames(frames, ctx.exampleUrl).map(formatFrame);
  // Never an empty traceback: say why there is no frame to show.
  if (shown.length === 0) shown.push(err === null ? '    (a value that is not an Error was thrown: it carries no stack)' : '    (this engine gave no stack frames for the exception)');
  return { message, traceback: `${header}\nTraceback (most recent call first):\n${shown.join('\n')}\n${message}` };
}

function setState(state: ThreadState): void {
  const h = ctx.heap;
  if (h === null || ctx.tid === 0) return;
  Atomics.store(h, threadWord(ctx.tid, T_STATE), state);
  // Starters wait on the state word (start barrier); wake them.
  Atomics.notify(h, threadWord(ctx.tid, T_STATE));
}

/** The example's module; one that does not load (a 404, a network error) is an ImportError that names it. */
async function importExample(url: string, platform: BootPlatform): Promise<Record<string, unknown>> {
  try {
    return await platform.importModule(url);
  } catch (e) {
    // The module loaded and its top-level code threw: the example's own exception, with its frames
    // (a failed load has none outside the runtime and the platform).
    if (e instanceof Error && parseStack(e.stack).some((f) => !isRuntimeFrame(f.file))) throw e;
    // JavaScriptCore says only "Importing a module script failed.": name the module.
    throw new ImportError(`the example's compiled module did not load (${url}): ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** Runs one worker's life. Resolves with the exit status (0 ok, 1 uncaught exception). */
export async function boot(init: InitMessage, platform: BootPlatform): Promise<number> {
  setContext(init, platform.port);
  if (init.step !== undefined) installStepping(init.step);
  let ok = true;
  try {
    const mod = await importExample(init.exampleUrl, platform);
    ctx.module = mod;
    const h = ctx.heap;
    if (h !== null && ctx.tid !== 0) {
      if (init.role === 'main') Atomics.store(h, threadWord(ctx.tid, T_KIND), ThreadKind.MAIN);
      if (init.role === 'thread') {
        setState(ThreadState.READY);
        const gate = threadWord(ctx.tid, T_GATE);
        // The starter stores 1 and then notifies; waiting on 0 cannot miss the opening.
        while (Atomics.load(h, gate) === 0) futexWait(h, gate, 0, Infinity);
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
    // The host ended the run and this worker left its wait (or loop) through RunEnded: nothing to
    // report; return to the event loop at once so that terminate() takes effect without delay.
    if (e instanceof RunEnded) return 1;
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
