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
 * with `interleave` resolved to the file URL of a Node runtime bundle (src/runtime/index.ts bundled,
 * like runtime.js for the browser). Node maps stack traces through the inline source maps.
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
import { interleaveResolver } from '../../build/interleave-resolver.ts';
import { parseExampleMeta, resolveParams, resolveStepParams, type ResolvedExampleMeta } from '../example-meta.ts';
import { checkExpectation, type Verdict } from '../expectation.ts';
import type { HostToWorker, InitMessage, Role, WorkerToHost } from '../protocol.ts';
import { currentExampleId, parseExampleRedirects } from '../../lib/example-redirects.ts';
import { explore, type ExploreOptions, type ExploreReport } from './explore.ts';
import { StepSession, type StepOptions } from './step-session.ts';
import { Run, type OutputLine, type Platform, type RunOptions, type RunResult, type WorkerEvents, type WorkerHandle } from './run.ts';

const RUNTIME_ENTRY = fileURLToPath(new URL('../index.ts', import.meta.url));
const WORKER_ENTRY = fileURLToPath(new URL('./node-worker.ts', import.meta.url));
const CHILD_ENTRY = fileURLToPath(new URL('./node-child.ts', import.meta.url));
/** content/examples/ of this checkout. */
export const EXAMPLES_DIR = fileURLToPath(new URL('../../../content/examples/', import.meta.url));

let outDir: string | null = null;

function tempDir(): string {
  outDir ??= join(tmpdir(), `interleave-${process.pid}`);
  mkdirSync(outDir, { recursive: true });
  return outDir;
}

interface NodeBundles {
  runtimeUrl: string;
  workerUrl: URL;
  childPath: string;
}
let bundles: NodeBundles | null = null;
let preparing: Promise<NodeBundles> | null = null;

/**
 * Builds the Node counterparts of runtime.js and worker.js, once per process: one module per worker
 * loads much faster than the runtime's many .ts files, and `interleave` resolves exactly as in the
 * browser, through the shared resolver (external, rewritten to the runtime bundle's URL).
 */
export function prepareNodeHost(): Promise<NodeBundles> {
  preparing ??= (async () => {
    const dir = tempDir();
    const runtimePath = join(dir, 'runtime.mjs');
    const runtimeUrl = pathToFileURL(runtimePath).href;
    const common = { bundle: true, format: 'esm', platform: 'node', target: 'node24', sourcemap: 'inline', logLevel: 'warning', keepNames: true } as const;
    const plugins = [interleaveResolver({ runtimeUrl })];
    await Promise.all([
      esbuild.build({ ...common, entryPoints: [RUNTIME_ENTRY], outfile: runtimePath }),
      esbuild.build({ ...common, entryPoints: [WORKER_ENTRY], outfile: join(dir, 'node-worker.mjs'), plugins }),
      esbuild.build({ ...common, entryPoints: [CHILD_ENTRY], outfile: join(dir, 'node-child.mjs'), plugins }),
    ]);
    bundles = { runtimeUrl, workerUrl: pathToFileURL(join(dir, 'node-worker.mjs')), childPath: join(dir, 'node-child.mjs') };
    return bundles;
  })();
  return preparing;
}

function nodeBundles(): NodeBundles {
  if (bundles === null) throw new Error('interleave: call `await prepareNodeHost()` (or compileForNode) before starting a Node run');
  return bundles;
}

/** The URL examples import the runtime from in Node (the runtime bundle). */
export async function nodeRuntimeUrl(): Promise<string> {
  return (await prepareNodeHost()).runtimeUrl;
}

let live = 0;

/** worker_threads for MainThread and threads, child processes for processes. */
export const nodePlatform: Platform = {
  spawn(role: Role, init: InitMessage, events: WorkerEvents): WorkerHandle {
    if (role === 'process') {
      const child = fork(nodeBundles().childPath, [], {
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
      child.send(init, () => {});
      return {
        post: (m: HostToWorker) => {
          // A child that already finished may have closed its channel: a late reply is not an error.
          if (child.connected) child.send(m, () => {});
        },
        terminate: () => {
          if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
          end();
        },
      };
    }
    const worker = new Worker(nodeBundles().workerUrl, { name: init.name });
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

/**
 * Compiles an example (or any module written like one) for the Node host and returns the file URL
 * of the compiled module. Output goes to a per-process temp directory, named by content hash.
 */
export async function compileForNode(file: string, sourcefile = file): Promise<string> {
  const source = readFileSync(file, 'utf8');
  // Source-map paths relative to the examples directory, so traces read "race-conditions/counter-race.ts:12".
  const r = await compileExample(esbuild, { source, sourcefile: basename(file), runtimeUrl: await nodeRuntimeUrl(), resolveDir: dirname(file), absWorkingDir: file.startsWith(EXAMPLES_DIR) ? EXAMPLES_DIR : dirname(file) });
  if (!r.ok) throw new Error(`Cannot compile ${sourcefile}:\n${r.errors.map((e) => e.text).join('\n')}`);
  const dir = tempDir();
  const hash = createHash('sha1').update(r.code).digest('hex').slice(0, 12);
  const out = join(dir, `${sourcefile.replace(/[\\/]/g, '__').replace(/\.ts$/, '')}-${hash}.mjs`);
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

/** Old example ids (content/redirects.json "examples") map to their new ones. */
export function canonicalExampleId(id: string): string {
  const redirects = parseExampleRedirects(JSON.parse(readFileSync(fileURLToPath(new URL('../../../content/redirects.json', import.meta.url)), 'utf8')));
  return currentExampleId(redirects, id);
}

/** A step session in Node (docs/stepping.md): same API as the browser host's startStepRun. */
export function startNodeStepRun(options: StepOptions): StepSession {
  return new StepSession(nodePlatform, options, async (url) => readFileSync(fileURLToPath(url), 'utf8'));
}

/** Explore in Node (docs/stepping.md): same report as the browser host's explore. */
export function exploreNodeRun(options: ExploreOptions): Promise<ExploreReport> {
  return explore(nodePlatform, options);
}

export interface StepExample extends LoadedExample {
  /** Resolved step-mode params (meta.step, then the given overrides, range-checked). */
  params: Record<string, number>;
}

/** Compiles an example for a step run and resolves its step-mode params (throws on a bad --param). */
export async function loadStepExample(idOrFile: string, given: Readonly<Record<string, number>> = {}): Promise<StepExample> {
  const ex = await loadExample(idOrFile.endsWith('.ts') ? idOrFile : canonicalExampleId(idOrFile));
  return { ...ex, params: resolveStepParams(ex.meta, given) };
}

/** Loads an example and starts a step session on it (tests, the CLI). */
export async function stepExample(idOrFile: string, options: { params?: Record<string, number>; locate?: boolean } = {}): Promise<{ example: StepExample; session: StepSession }> {
  const example = await loadStepExample(idOrFile, options.params);
  const expect = example.meta.step?.expect ?? example.meta.expect;
  const session = startNodeStepRun({ exampleUrl: example.url, params: example.params, expect, locate: options.locate ?? true });
  return { example, session };
}

/** Loads an example and explores it (tests, the CLI, the report). */
export async function exploreExample(
  idOrFile: string,
  options: Omit<ExploreOptions, 'exampleUrl' | 'params'> & { params?: Record<string, number> } = {},
): Promise<{ example: StepExample; report: ExploreReport }> {
  const example = await loadStepExample(idOrFile, options.params);
  const { params: _given, ...rest } = options;
  void _given;
  const report = await exploreNodeRun({ ...rest, exampleUrl: example.url, params: example.params, expect: example.meta.step?.expect ?? example.meta.expect });
  return { example, report };
}
