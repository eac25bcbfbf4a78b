/**
 * How `import ... from 'interleave'` resolves, for every compile of an example: the build (esbuild
 * in Node), the Node host (same), and later the in-browser compile of edited code (esbuild-wasm).
 * Browser-safe: no Node APIs here.
 *
 * The runtime is never bundled into an example. The specifier is marked external and rewritten to
 * the URL of the one prebuilt runtime module, which the worker entry imports too. A worker therefore
 * loads exactly one runtime instance, shared by the entry and the example (its per-thread state,
 * context.ts, must be a single module instance).
 */
import type { Plugin } from 'esbuild';

export const RUNTIME_SPECIFIER = 'interleave';

export interface ResolverOptions {
  /**
   * The URL the compiled example imports the runtime from. Browser: the site's runtime bundle,
   * absolute (e.g. "/_interleave/runtime.js", or with origin for blob: modules). Node host: the
   * file URL of src/runtime/index.ts.
   */
  runtimeUrl: string;
}

export function interleaveResolver(options: ResolverOptions): Plugin {
  return {
    name: 'interleave-resolver',
    setup(build) {
      build.onResolve({ filter: /^interleave$/ }, () => ({ path: options.runtimeUrl, external: true }));
    },
  };
}
