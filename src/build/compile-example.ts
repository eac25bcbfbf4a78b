/**
 * Compiles one example to a browser-ready (or Node-ready) ES module. Browser-safe: the caller passes
 * the esbuild API (the `esbuild` package at build time, `esbuild-wasm` in the page), so this module
 * imports no Node APIs and no esbuild implementation.
 */
import type { BuildOptions, BuildResult, Message } from 'esbuild';
import { interleaveResolver } from './interleave-resolver.ts';

/** The part of esbuild's API this needs (both `esbuild` and `esbuild-wasm` provide it). */
export interface EsbuildApi {
  build(options: BuildOptions & { write: false }): Promise<BuildResult<BuildOptions & { write: false }>>;
}

export interface CompileExampleOptions {
  /** TypeScript source of the example. */
  source: string;
  /** Name shown in stack traces and source maps, e.g. "race-conditions/counter-race.ts". */
  sourcefile: string;
  /** Where `interleave` resolves to (see interleave-resolver.ts). */
  runtimeUrl: string;
  /** Directory for relative imports (Node build only; the browser compile has none). */
  resolveDir?: string;
  /** Paths in the source map are relative to this (Node build: content/examples/). */
  absWorkingDir?: string;
  /** Minify the output. Default: false (readable code in the browser's debugger). */
  minify?: boolean;
}

export interface CompileError {
  message: string;
  /** 1-based line and column in the TypeScript source, when known. */
  line: number | null;
  column: number | null;
  text: string;
}

export type CompileResult = { ok: true; code: string } | { ok: false; errors: CompileError[] };

function toError(m: Message): CompileError {
  const line = m.location?.line ?? null;
  const column = m.location ? m.location.column + 1 : null;
  return { message: m.text, line, column, text: line === null ? m.text : `${m.location?.file ?? ''}:${line}:${column}: ${m.text}` };
}

/**
 * Bundles the example (its own relative imports included, `interleave` external) to one ES module
 * with an inline source map, so errors can be reported at TypeScript lines.
 */
export async function compileExample(esbuild: EsbuildApi, options: CompileExampleOptions): Promise<CompileResult> {
  try {
    const result = await esbuild.build({
      stdin: { contents: options.source, sourcefile: options.sourcefile, loader: 'ts', ...(options.resolveDir ? { resolveDir: options.resolveDir } : {}) },
      bundle: true,
      write: false,
      ...(options.absWorkingDir ? { absWorkingDir: options.absWorkingDir } : {}),
      format: 'esm',
      platform: 'neutral',
      target: 'es2022',
      sourcemap: 'inline',
      sourcesContent: true,
      minify: options.minify ?? false,
      logLevel: 'silent',
      plugins: [interleaveResolver({ runtimeUrl: options.runtimeUrl })],
    });
    const file = result.outputFiles[0];
    if (file === undefined) return { ok: false, errors: [{ message: 'esbuild produced no output', line: null, column: null, text: 'esbuild produced no output' }] };
    return { ok: true, code: file.text };
  } catch (e) {
    const errors = (e as { errors?: Message[] }).errors;
    if (Array.isArray(errors) && errors.length > 0) return { ok: false, errors: errors.map(toError) };
    const message = e instanceof Error ? e.message : String(e);
    return { ok: false, errors: [{ message, line: null, column: null, text: message }] };
  }
}
