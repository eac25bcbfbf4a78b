/** Serves dist/ twice for the run: cross-origin isolated, and without the headers. */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
import { startStaticServer } from '../../scripts/static-server.mjs';
import { ensureChromium } from '../../scripts/lib/chromium.mjs';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    plainUrl: string;
  }
}

/** The two servers every browser suite uses (the engine suites too: test/engines/global-setup.ts). */
export async function startSiteServers(project: TestProject, options: { cspReports?: boolean } = {}) {
  const root = fileURLToPath(new URL('../../dist/', import.meta.url));
  if (!existsSync(`${root}/index.html`)) throw new Error('dist/ is missing: run `npm run build` first (npm test does).');
  const isolated = await startStaticServer({ root, isolation: true, cspReports: options.cspReports ?? false });
  const plain = await startStaticServer({ root, isolation: false });
  project.provide('baseUrl', isolated.url);
  project.provide('plainUrl', plain.url);
  return {
    isolatedUrl: isolated.url,
    async close() {
      await isolated.close();
      await plain.close();
    },
  };
}

export default async function setup(project: TestProject) {
  ensureChromium();
  const servers = await startSiteServers(project);
  return () => servers.close();
}
