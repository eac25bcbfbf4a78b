/**
 * The Node host: runs examples with real parallelism in Node, for the CLI (`npm run example`), the
 * tests, the benchmark and the site build (which records each example's output into its page).
 *
 * What runs where:
 *   - MainThread and every Thread: a worker_threads Worker (src/runtime/host/node-worker.ts), all
 *     sharing the run's SharedArrayBuffer heap;
 *   - every Process: a real child process (child_process.fork of node-child.ts) with structured-clone
 *     IPC; it shares no memory and only passes messages (ProcessQueue, Pipe), brokered by this host.
 *
 * Examples are compiled with the same esbuild step as for the browser (src/build/compile-example.ts),
 * with `interleave` resolved to the file URL of src/runtime/index.ts, which Node runs directly
 * (type stripping). Node maps stack traces through the compiled module's inline source map.
 */
import { fork } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, relative, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import * as esbuild from 'esbuild';
import { compileExample } from '../../build/compile-example.ts';
import { parseExampleMeta, resolveParams, type ResolvedExampleMeta } from '../example-meta.ts';
import { checkExpectation, type Verdict } from '../expectation.ts';
import type { HostToWorker, InitMessage, Role, WorkerToHost } from '../protocol.ts';
import { Run, type OutputLine, type Platform, type RunOptions, type RunResult, type WorkerEvents, type WorkerHandle } from './run.ts';

/** The runtime as examples import it in Node. */
export const NODE_RUNTIME_URL = new URL('../index.ts', import.meta.url).href;
const WORKER_URL = new URL('./node-worker.ts', import.meta.url);
const CHILD_PATH = fileURLToPath(new URL('./node-child.ts', import.meta.url));
/** content/examples/ of this checkout. */
export const EXAMPLES_DIR = fileURLToPath(new URL('../../../content/examples/', import.meta.url));

let live = 0;

/** worker_threads for MainThread and threads, child processes for processes. */
export const nodePlatform: Platform = {
  spawn(role: Role, init: InitMessage, events: WorkerEvents): WorkerHandle {
    if (role === 'process') {
      const child = fork(CHILD_PATH, [], {
        serialization: 'advanced',
        execArgv: ['--enable-source-maps'],
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      });
      live++;
      let ended = false;
      const end = (): void => {
        if (!ended) live--;
        ended = true;
      };
      child.on('message', (m: WorkerToHost) => events.onMessage(m));
      child.on('error', (e) => events.onExit(e.message, 1));
      child.on('exit', (code, signal) => {
        end();
        events.onExit(code === 0 || code === 1 ? null : `exited with ${signal ?? `code ${code}`}`, code);
      });
      child.send(init);
      return {
        post: (m: HostToWorker) => {
          if (child.connected) child.send(m);
        },
        terminate: () => {
          if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
          end();
        },
      };
    }
    const worker = new Worker(WORKER_URL, { name: init.name });
    live++;
    let ended = false;
    const end = (): void => {
      if (!ended) live--;
      ended = true;
    };
    worker.on('message', (m: WorkerToHost) => events.onMessage(m));
    worker.on('error', (e) => events.onExit(e instanceof Error ? `${e.name}: ${e.message}` : String(e), 1));
    worker.on('exit', (code) => {
      end();
      events.onExit(null, code);
    });
    worker.postMessage(init);
    return {
      post: (m: HostToWorker) => worker.postMessage(m),
      terminate: () => {
        end();
        void worker.terminate();
      },
    };
  },
};

/** Workers and child processes of all Node runs still alive (leak checks). */
export function liveWorkers(): number {
  return live;
}

/** Starts a run of an already compiled module (file URL). */
export function startNodeRun(options: RunOptions): Run {
  return new Run(nodePlatform, options).start();
}

let outDir: string | null = null;

/**
 * Compiles an example (or any module written like one) for the Node host and returns the file URL
 * of the compiled module. Output goes to a per-process temp directory, named by content hash.
 */
export async function compileForNode(file: string, sourcefile = file): Promise<string> {
  const source = readFileSync(file, 'utf8');
  // Source-map paths relative to the examples directory, so traces read "locks/counter-race.ts:12".
  const r = await compileExample(esbuild, { source, sourcefile: basename(file), runtimeUrl: NODE_RUNTIME_URL, resolveDir: dirname(file), absWorkingDir: file.startsWith(EXAMPLES_DIR) ? EXAMPLES_DIR : dirname(file) });
  if (!r.ok) throw new Error(`Cannot compile ${sourcefile}:\n${r.errors.map((e) => e.text).join('\n')}`);
  outDir ??= join(tmpdir(), `interleave-${process.pid}`);
  mkdirSync(outDir, { recursive: true });
  const hash = createHash('sha1').update(r.code).digest('hex').slice(0, 12);
  const out = join(outDir, `${sourcefile.replace(/[\\/]/g, '__').replace(/\.ts$/, '')}-${hash}.mjs`);
  writeFileSync(out, r.code);
  return pathToFileURL(out).href;
}

/** Every example id under content/examples/ ("topic/name"), sorted. */
export function listExampleIds(dir: string = EXAMPLES_DIR): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name.endsWith('.ts') && !name.endsWith('.d.ts')) out.push(relative(dir, p).split(sep).join('/').replace(/\.ts$/, ''));
    }
  };
  walk(dir);
  return out.sort();
}

export interface LoadedExample {
  id: string;
  file: string;
  /** File URL of the compiled module. */
  url: string;
  meta: ResolvedExampleMeta;
}

/** Compiles an example and reads its validated `meta` (by importing the compiled module here). */
export async function loadExample(idOrFile: string): Promise<LoadedExample> {
  const isFile = idOrFile.endsWith('.ts');
  const file = isFile ? idOrFile : join(EXAMPLES_DIR, `${idOrFile}.ts`);
  const id = isFile ? relative(EXAMPLES_DIR, file).split(sep).join('/').replace(/\.ts$/, '') : idOrFile;
  const url = await compileForNode(file, `${id}.ts`);
  const mod = (await import(url)) as { meta?: unknown };
  return { id, file, url, meta: parseExampleMeta(id, mod.meta) };
}

export interface RunExampleOptions {
  /** Overrides of the example's parameters (clamped to their ranges). */
  params?: Readonly<Record<string, number>>;
  /** Overrides meta.timeLimitMs (the tests shorten the endless example's limit). */
  timeLimitMs?: number;
  onOutput?: (line: OutputLine) => void;
}

export interface ExampleRun {
  id: string;
  meta: ResolvedExampleMeta;
  params: Record<string, number>;
  result: RunResult;
  /** The result judged against meta.expect. */
  verdict: Verdict;
}

/**
 * Runs one example in the Node host and judges it: what the CLI prints, what the tests assert, and
 * what the site build records into the page (result.output).
 */
export async function runExample(idOrFile: string, options: RunExampleOptions = {}): Promise<ExampleRun> {
  const ex = await loadExample(idOrFile);
  const params = resolveParams(ex.meta, options.params);
  const run = startNodeRun({
    exampleUrl: ex.url,
    params,
    timeLimitMs: options.timeLimitMs ?? ex.meta.timeLimitMs,
    ...(options.onOutput ? { onOutput: options.onOutput } : {}),
  });
  const result = await run.done;
  return { id: ex.id, meta: ex.meta, params, result, verdict: checkExpectation(ex.meta.expect, result) };
}

/** Formats an output line as the CLI and the recorded output show it: "[T1] text". */
export function formatLine(line: OutputLine): string {
  return `[${line.thread}] ${line.text}`;
}
