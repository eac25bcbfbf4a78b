// @ts-check
/**
 * Compiles and records the runnable examples before any page renders (build and dev), by running
 * scripts/build-examples.ts on the pinned Node in its own process: it starts worker threads and
 * must not run inside Vite's module graph.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const script = fileURLToPath(new URL('../../scripts/build-examples.ts', import.meta.url));

/** @returns {import('astro').AstroIntegration} */
export function runnableExamples() {
  return {
    name: 'interleave:examples',
    hooks: {
      'astro:config:setup': ({ logger }) => {
        const r = spawnSync(process.execPath, [script], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
        if (r.status !== 0) throw new Error(`scripts/build-examples.ts failed:\n${r.stdout}\n${r.stderr}`);
        logger.info(r.stdout.trim());
      },
    },
  };
}
