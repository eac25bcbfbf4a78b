/**
 * Build step for runnable examples (run by the Astro integration before pages render, in build and
 * dev): compiles the runtime, the worker entry and every example into public/_interleave/ (Astro
 * copies it into the site), copies esbuild.wasm there for the in-browser editor, and records each
 * example's output by running it in the Node host. Pages read .astro/interleave/examples.json.
 *
 * Recordings are cached by a hash of the example and the runtime sources: a dev restart re-runs
 * only what changed. Examples run one at a time, so a race has both cores to show itself.
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { compileExamples, recordExample } from '../src/build/compile-examples.ts';
import { formatLine } from '../src/runtime/host/node-host.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const outDir = join(root, 'public/_interleave');
const dataDir = join(root, '.astro/interleave');
const dataFile = join(dataDir, 'examples.json');
/** Recording an example that never ends (the Stop demo) would hold the build for its full limit. */
const RECORD_LIMIT_MS = 3000;

function hashDir(dir: string, h = createHash('sha256')): ReturnType<typeof createHash> {
  for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const p = join(dir, e.name);
    if (e.isDirectory()) hashDir(p, h);
    else if (e.name.endsWith('.ts')) h.update(p).update(readFileSync(p));
  }
  return h;
}

interface Recorded {
  hash: string;
  lines: string[];
  ok: boolean;
  verdict: string;
  message: string;
  wallMs: number;
  where: string;
  /** What the link-preview picture draws (src/lib/og/): each thread's span in this run and how it ended. */
  lanes: { name: string; kind: string; startMs: number | null; endMs: number | null; state: string; waitingFor: string | null }[];
  counters: { name: string; value: number; expected: number | null }[];
  deadlock: string | null;
  processes: { name: string; exitCode: number | null }[];
}

/** Part of every recording's cache key: a change to what a recording holds re-records them all once. */
const RECORD_FORMAT = 'lanes-2';

const started = Date.now();
const manifest = await compileExamples({ outDir });
const require = createRequire(import.meta.url);
copyFileSync(require.resolve('esbuild-wasm/esbuild.wasm'), join(outDir, 'esbuild.wasm'));

const runtimeHash = hashDir(join(root, 'src/runtime')).digest('hex');
let cache: Record<string, Recorded> = {};
if (existsSync(dataFile)) {
  try {
    cache = (JSON.parse(readFileSync(dataFile, 'utf8')) as { recorded: Record<string, Recorded> }).recorded ?? {};
  } catch {
    cache = {};
  }
}

const recorded: Record<string, Recorded> = {};
let reran = 0;
for (const id of Object.keys(manifest.examples).sort()) {
  const source = readFileSync(join(root, 'content/examples', `${id}.ts`));
  const hash = createHash('sha256').update(RECORD_FORMAT).update(runtimeHash).update(source).digest('hex');
  const hit = cache[id];
  if (hit && hit.hash === hash) {
    recorded[id] = hit;
    continue;
  }
  reran++;
  const meta = manifest.examples[id]!.meta;
  const run = await recordExample(id, { timeLimitMs: Math.min(meta.timeLimitMs, RECORD_LIMIT_MS) });
  recorded[id] = {
    hash,
    lines: run.result.output.map(formatLine),
    ok: run.verdict.ok,
    verdict: run.verdict.message,
    message: run.result.message,
    wallMs: Math.round(run.result.wallMs),
    where: `Node ${process.versions.node.split('.')[0]}, worker_threads, ${cpus().length} cores`,
    lanes: run.result.threads.map((t) => ({ name: t.name, kind: t.kind, startMs: t.startMs, endMs: t.endMs, state: t.state, waitingFor: t.waitingFor })),
    counters: run.result.counters.map((c) => ({ name: c.name, value: c.value, expected: c.expected })),
    deadlock: run.result.deadlock?.text ?? null,
    processes: run.result.processes.map((p) => ({ name: p.name, exitCode: p.exitCode })),
  };
}

mkdirSync(dataDir, { recursive: true });
writeFileSync(dataFile, JSON.stringify({ manifest, recorded, wasmUrl: `${manifest.base}esbuild.wasm` }, null, 2));
console.log(
  `examples: ${Object.keys(manifest.examples).length} compiled, ${reran} recorded anew, in ${((Date.now() - started) / 1000).toFixed(1)} s`,
);
