/**
 * Build step (Node): compiles every example under content/examples/ to browser-ready ES modules,
 * plus the two shared bundles every run needs, into one output directory served at `base`:
 *
 *   <outDir>/runtime.js                 the runtime (src/runtime/index.ts), ONE module per worker
 *   <outDir>/worker.js                  the Web Worker entry (src/runtime/host/browser-worker.ts)
 *   <outDir>/examples/<topic>/<name>.js each example, `interleave` rewritten to <base>runtime.js
 *   <outDir>/manifest.json              what was written, with each example's validated meta
 *
 * The Astro build calls compileExamples({ outDir: 'dist/_interleave' }) (or public/_interleave before
 * the build) and recordExample(id) to put each example's recorded output into its page.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import type { ResolvedExampleMeta } from '../runtime/example-meta.ts';
import { EXAMPLES_DIR, listExampleIds, loadExample, runExample, type ExampleRun, type RunExampleOptions } from '../runtime/host/node-host.ts';
import { compileExample } from './compile-example.ts';
import { interleaveResolver } from './interleave-resolver.ts';

const RUNTIME_ENTRY = fileURLToPath(new URL('../runtime/index.ts', import.meta.url));
const WORKER_ENTRY = fileURLToPath(new URL('../runtime/host/browser-worker.ts', import.meta.url));

export interface CompileExamplesOptions {
  /** Directory to write into, e.g. "dist/_interleave". Created if missing. */
  outDir: string;
  /** URL path the directory is served at. Default: "/_interleave/". Must end with "/". */
  base?: string;
  /** Where the examples are. Default: content/examples/ of this checkout. */
  examplesDir?: string;
  /** Minify the bundles. Default: true for runtime.js and worker.js, false for examples (readable). */
  minify?: boolean;
}

export interface ManifestExample {
  id: string;
  /** URL of the compiled module, e.g. "/_interleave/examples/race-conditions/counter-race.js". */
  url: string;
  /** Path of the TypeScript source, relative to the examples directory, e.g. "race-conditions/counter-race.ts". */
  source: string;
  meta: ResolvedExampleMeta;
}

export interface InterleaveManifest {
  base: string;
  /** URL of runtime.js; the in-browser compile of edited code resolves `interleave` to it (absolute). */
  runtimeUrl: string;
  /** URL of worker.js; pass it to startRun({ workerUrl }) if base is not the default. */
  workerUrl: string;
  examples: Record<string, ManifestExample>;
}

async function bundle(entry: string, outfile: string, runtimeUrl: string | null, minify: boolean): Promise<void> {
  await esbuild.build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    sourcemap: 'linked',
    minify,
    keepNames: true,
    logLevel: 'warning',
    plugins: runtimeUrl === null ? [] : [interleaveResolver({ runtimeUrl })],
  });
}

/** Compiles the runtime, the worker entry and every example; returns (and writes) the manifest. */
export async function compileExamples(options: CompileExamplesOptions): Promise<InterleaveManifest> {
  const base = options.base ?? '/_interleave/';
  if (!base.endsWith('/')) throw new Error(`base must end with "/": ${base}`);
  const dir = options.examplesDir ?? EXAMPLES_DIR;
  const runtimeUrl = `${base}runtime.js`;
  mkdirSync(options.outDir, { recursive: true });
  await bundle(RUNTIME_ENTRY, join(options.outDir, 'runtime.js'), null, options.minify ?? true);
  await bundle(WORKER_ENTRY, join(options.outDir, 'worker.js'), runtimeUrl, options.minify ?? true);
  const examples: Record<string, ManifestExample> = {};
  for (const id of listExampleIds(dir)) {
    const file = join(dir, `${id}.ts`);
    const r = await compileExample(esbuild, { source: readFileSync(file, 'utf8'), sourcefile: basename(file), runtimeUrl, resolveDir: dirname(file), absWorkingDir: dir, minify: options.minify ?? false });
    if (!r.ok) throw new Error(`Cannot compile example ${id}:\n${r.errors.map((e) => e.text).join('\n')}`);
    const out = join(options.outDir, 'examples', `${id}.js`);
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, r.code);
    const { meta } = await loadExample(file);
    examples[id] = { id, url: `${base}examples/${id}.js`, source: `${id}.ts`, meta };
  }
  const manifest: InterleaveManifest = { base, runtimeUrl, workerUrl: `${base}worker.js`, examples };
  writeFileSync(join(options.outDir, 'manifest.json'), JSON.stringify(manifest, null, 2));
  return manifest;
}

/**
 * Runs one example in the Node host and returns its recorded output and result (the page shows the
 * output, labelled as recorded at build time). Same as runExample in node-host.ts.
 */
export function recordExample(id: string, options: RunExampleOptions = {}): Promise<ExampleRun> {
  return runExample(id, options);
}

export { listExampleIds };
