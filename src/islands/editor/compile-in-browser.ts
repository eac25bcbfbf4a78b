/**
 * Compiles a reader's edited example in the page with esbuild-wasm, resolving `interleave` exactly
 * as the build does (src/build/compile-example.ts and interleave-resolver.ts are shared).
 * Loaded only after Edit: esbuild.wasm is 14 MB (3.7 MB gzipped).
 */
import * as esbuild from 'esbuild-wasm';
import { compileExample } from '../../build/compile-example.ts';

let ready: Promise<void> | null = null;

/** Starts loading esbuild.wasm (once); later calls share the same promise. */
export function warmUp(wasmUrl: string): Promise<void> {
  // worker: true keeps compiling off the page's main thread, so typing and counters stay smooth.
  ready ??= esbuild.initialize({ wasmURL: wasmUrl, worker: true });
  return ready;
}

export interface BrowserCompileOptions {
  source: string;
  sourcefile: string;
  runtimeUrl: string;
  wasmUrl: string;
}

export type BrowserCompileResult = { ok: true; code: string; ms: number } | { ok: false; errors: string; ms: number };

export async function compileInBrowser(options: BrowserCompileOptions): Promise<BrowserCompileResult> {
  const t0 = performance.now();
  await warmUp(options.wasmUrl);
  const r = await compileExample(esbuild, {
    source: options.source,
    sourcefile: options.sourcefile,
    runtimeUrl: options.runtimeUrl,
  });
  const ms = performance.now() - t0;
  if (r.ok) return { ok: true, code: r.code, ms };
  const errors = r.errors
    .map((e) => (e.line === null ? e.message : `Line ${e.line}, column ${e.column ?? '?'}: ${e.message}`))
    .join('\n');
  return { ok: false, errors, ms };
}
