/**
 * One run of the engine suite (ENGINE=firefox or ENGINE=webkit): the site's two servers (the same as
 * the Chromium suite's, test/e2e/global-setup.ts; the isolated one also collects CSP reports), and
 * one browser for the whole run, started here and ended here, on failure too (the launchers put each
 * browser in a process group of its own and end it when this process exits). At the end it prints
 * the figures the tests recorded (figures.ts), the ones a release note quotes.
 */
import { mkdirSync, rmSync } from 'node:fs';
import type { TestProject } from 'vitest/node';
import { startSiteServers } from '../e2e/global-setup';
import { startFirefox } from '../../scripts/lib/firefox.mjs';
import { startWebKit } from '../../scripts/lib/webkit.mjs';
import { CSP_REPORTS_PATH } from '../../scripts/static-server.mjs';
import { figuresFile, printFigures } from './figures';
import type { EngineName } from './page';

declare module 'vitest' {
  export interface ProvidedContext {
    figuresFile: string;
  }
}

export default async function setup(project: TestProject) {
  const engine = process.env['ENGINE'] as EngineName | undefined;
  if (engine !== 'firefox' && engine !== 'webkit') throw new Error(`ENGINE must be firefox or webkit (got ${engine ?? 'nothing'}): ENGINE=firefox npx vitest run --config test/engines/vitest.config.ts`);
  const started = Date.now();
  const servers = await startSiteServers(project, { cspReports: true });
  const browser =
    engine === 'firefox'
      ? await startFirefox().then((f) => ({ version: f.version, endpoint: f.wsEndpoint, session: '', stop: f.stop }))
      : await startWebKit().then((w) => ({ version: w.version, endpoint: w.session.base, session: w.session.id, stop: w.stop }));
  console.log(`${browser.version}: started in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  const figures = figuresFile(engine);
  mkdirSync(new URL('.', `file://${figures}`).pathname, { recursive: true });
  rmSync(figures, { force: true });
  project.provide('engine', engine);
  project.provide('engineVersion', browser.version);
  project.provide('engineEndpoint', browser.endpoint);
  project.provide('engineSession', browser.session);
  project.provide('cspReportsUrl', servers.isolatedUrl + CSP_REPORTS_PATH);
  project.provide('figuresFile', figures);
  return async () => {
    const reports = (await (await fetch(servers.isolatedUrl + CSP_REPORTS_PATH)).json()) as unknown[];
    printFigures(engine, browser.version, figures, reports, (Date.now() - started) / 1000);
    await browser.stop();
    await servers.close();
  };
}
