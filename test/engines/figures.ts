/**
 * The figures an engine run measured (examples that gave their verdict, the step, replay, Explore,
 * challenge and traceback results, how workers were counted), recorded by the tests as they go and
 * printed together at the end of the run by the global setup, so that the last lines of a log can
 * be quoted as they are.
 */
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { inject } from 'vitest';
import type { EngineName } from './page';

/** The order figures are printed in; a figure a test never recorded prints as "not measured". */
const ORDER = ['examples', 'step', 'replay', 'explore', 'challenge', 'edit', 'traceback', 'gil', 'embed', 'service worker', 'csp', 'workers'] as const;
export type FigureName = (typeof ORDER)[number];

/** Figures whose test runs in one engine only (service-worker.engine.ts: Firefox), so the others say so. */
const ONLY_IN: Partial<Record<FigureName, EngineName>> = { 'service worker': 'firefox' };

/** URLs containing this were visited to provoke a CSP report on purpose (the CSP test's self-check). */
export const PROVOKED_CSP = 'csp-self-check';

export function figuresFile(engine: EngineName): string {
  return fileURLToPath(new URL(`../../test-results/engines/${engine}-figures.jsonl`, import.meta.url));
}

/** From a test: one line of the closing summary. */
export function recordFigure(name: FigureName, text: string): void {
  appendFileSync(inject('figuresFile'), `${JSON.stringify({ name, text })}\n`);
  console.log(`[${inject('engine')}] ${name}: ${text}`);
}

/** From the global setup's teardown. */
export function printFigures(engine: EngineName, version: string, file: string, cspReports: unknown[], seconds: number): void {
  const lines = existsSync(file)
    ? readFileSync(file, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as { name: FigureName; text: string })
    : [];
  const unprovoked = cspReports.filter((r) => !JSON.stringify(r).includes(PROVOKED_CSP));
  const out = [`\n=== ${engine}: ${version}, suite ${seconds.toFixed(0)} s`];
  for (const name of ORDER) {
    const texts = lines.filter((l) => l.name === name).map((l) => l.text);
    const only = ONLY_IN[name];
    const none = only !== undefined && only !== engine ? `not tested in this engine (${only} only)` : 'not measured (its test did not get that far)';
    out.push(`${name}: ${texts.length ? texts.join('; ') : none}`);
  }
  out.push(`CSP reports received over the whole run, not counting the one provoked on purpose: ${unprovoked.length}`);
  for (const r of unprovoked.slice(0, 5)) out.push(`  ${JSON.stringify(r).slice(0, 300)}`);
  console.log(out.join('\n'));
}
