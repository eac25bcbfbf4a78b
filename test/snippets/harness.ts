/**
 * Building and running snippets for the tests: real toolchains, a temp dir for every build output,
 * a timeout on every process, and a small limiter so that builds (and untimed runs) use the cores
 * without queueing more work than there are cores.
 */
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { buildCommands } from '../../scripts/lib/toolchains.mjs';
import type { SnippetFile } from '../../src/lib/snippets.ts';

export interface ProcessResult {
  command: string;
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  ms: number;
  timedOut: boolean;
}

/** Runs one process to completion (or kills it after `timeoutMs`), capturing its output. */
export function runProcess(cmd: string, args: readonly string[], options: { cwd: string; timeoutMs: number }): Promise<ProcessResult> {
  const command = [cmd, ...args].join(' ');
  return new Promise((resolve) => {
    const started = performance.now();
    const child = spawn(cmd, args, {
      cwd: options.cwd,
      // No .pyc files anywhere near the repo; a fixed locale so that number formatting cannot vary.
      env: { ...process.env, PYTHONDONTWRITEBYTECODE: '1', LC_ALL: 'C.UTF-8' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, options.timeoutMs);
    child.on('error', (e) => {
      clearTimeout(timer);
      resolve({ command, code: null, signal: null, stdout, stderr: `${stderr}${e.message}`, ms: performance.now() - started, timedOut });
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ command, code, signal, stdout, stderr, ms: performance.now() - started, timedOut });
    });
  });
}

/** At most `n` of the given async jobs at a time. */
export function limiter(n = availableParallelism()): <T>(job: () => Promise<T>) => Promise<T> {
  let active = 0;
  const queue: (() => void)[] = [];
  return async (job) => {
    if (active >= n) await new Promise<void>((go) => queue.push(go));
    active++;
    try {
      return await job();
    } finally {
      active--;
      queue.shift()?.();
    }
  };
}

export interface Built {
  /** How to run it; undefined when the build failed. */
  run?: { cmd: string; args: string[]; cwd: string };
  /** The failed build, for the error message. */
  failure?: ProcessResult;
}

const BUILD_TIMEOUT_MS = 120_000;

/** Builds one snippet into its own directory under `workDir` (interpreted languages: nothing to do). */
export async function buildSnippet(s: SnippetFile, args: string[], workDir: string): Promise<Built> {
  const outDir = join(workDir, s.id.replace(/[^\w.-]+/g, '_'));
  mkdirSync(outDir, { recursive: true });
  const { compile, run } = buildCommands(s.language, s.file, outDir, args);
  if (compile) {
    const r = await runProcess(compile.cmd, compile.args, { cwd: outDir, timeoutMs: BUILD_TIMEOUT_MS });
    if (r.code !== 0) return { failure: r };
  }
  return { run: { ...run, cwd: outDir } };
}

/** A process result as text for an assertion message. */
export function explain(r: ProcessResult): string {
  const how = r.timedOut ? 'timed out' : r.signal ? `killed by ${r.signal}` : `exit code ${r.code}`;
  return `$ ${r.command}\n(${how}, ${Math.round(r.ms)} ms)\n--- stdout\n${r.stdout}--- stderr\n${r.stderr}`;
}
