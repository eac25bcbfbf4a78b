/**
 * npm run report:stepping — the step engine's budgets (issue 9), measured on this machine:
 *   - Explore throughput in Node: schedules/s for race-conditions/counter-race at n=2 (all 70
 *     schedules) and n=3 (all 924), budget >= 100/s;
 *   - the same in Chromium through the browser host (src/runtime/host/browser-step.ts), budget >= 50/s;
 *   - one step in Chromium, engine side: session.step() called -> new state resolved (median); the
 *     step view's click-to-paint figure (<= 16 ms) is measured by the UI's report on top of it.
 * Each figure is the median of 3 rounds on reused workers (a session's pool, warmed by its first
 * schedule), plus the cold first round with worker start-up. The machine is shared: read ratios.
 * Exits 1 if a median misses its budget.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { compileExamples } from '../src/build/compile-examples.ts';
import { exploreExample, loadStepExample, startNodeStepRun } from '../src/runtime/host/node-host.ts';
import { launchChromium } from './lib/chromium.mjs';
import { startStaticServer } from './static-server.mjs';

const ID = 'race-conditions/counter-race';
const ROUNDS = 3;
const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};
const rows: { name: string; value: string; budget: string; ok: boolean }[] = [];
// ---- Node -------------------------------------------------------------------------------------
for (const n of [2, 3]) {
  const cold = (await exploreExample(ID, { params: { n } })).report;
  const ex = await loadStepExample(ID, { n });
  const session = startNodeStepRun({ exampleUrl: ex.url, params: ex.params, locate: false });
  await session.ready;
  await session.explore({ maxSchedules: 1 }); // warm: the pool now holds enough workers
  const rates: number[] = [];
  let schedules = 0;
  for (let r = 0; r < ROUNDS; r++) {
    const rep = await session.explore();
    schedules = rep.schedules;
    rates.push(rep.schedulesPerSecond);
  }
  session.stop();
  const m = median(rates);
  rows.push({ name: `Node explore ${ID} n=${n} (${schedules} schedules), warm`, value: `${m.toFixed(0)} schedules/s (rounds ${rates.map((x) => x.toFixed(0)).join(', ')})`, budget: '>= 100/s', ok: m >= 100 });
  rows.push({ name: `Node explore n=${n}, cold (worker start-up included)`, value: `${cold.schedulesPerSecond.toFixed(0)} schedules/s (first schedule ${cold.firstScheduleMs.toFixed(0)} ms)`, budget: 'reported', ok: true });
}

// ---- Chromium -----------------------------------------------------------------------------------
const root = mkdtempSync(join(tmpdir(), 'interleave-stepping-'));
await compileExamples({ outDir: join(root, '_interleave') });
await esbuild.build({
  entryPoints: [fileURLToPath(new URL('../src/runtime/host/browser-step.ts', import.meta.url))],
  outfile: join(root, '_interleave', 'step-host.js'),
  bundle: true,
  format: 'esm',
  platform: 'browser',
  target: 'es2022',
  logLevel: 'warning',
});
writeFileSync(join(root, '404.html'), '<!doctype html><title>404</title>');
writeFileSync(join(root, 'index.html'), '<!doctype html><html lang="en"><title>stepping report</title><p>stepping report</p></html>');
const server = await startStaticServer({ root });
const browser = await launchChromium();
try {
  const page = await browser.newPage();
  page.on('console', (msg) => {
    if (msg.type() === 'error') console.error(`[chromium] ${msg.text()}`);
  });
  page.on('response', (r) => {
    if (r.status() >= 400) console.error(`[chromium] ${r.status()} ${r.url()}`);
  });
  await page.goto(`${server.url}/`);
  const out = await page.evaluate(
    async ({ id, rounds }) => {
      const m = (await import('/_interleave/step-host.js' as string)) as typeof import('../src/runtime/host/browser-step.ts');
      const exampleUrl = `/_interleave/examples/${id}.js`;
      const res: { n: number; rates: number[]; schedules: number; cold: number }[] = [];
      for (const n of [2, 3]) {
        const params = { threads: 2, n };
        const cold = await m.explore({ exampleUrl, params });
        const session = m.startStepRun({ exampleUrl, params, locate: false });
        await session.ready;
        await session.explore({ maxSchedules: 1 });
        const rates: number[] = [];
        let schedules = 0;
        for (let r = 0; r < rounds; r++) {
          const rep = await session.explore();
          rates.push(rep.schedulesPerSecond);
          schedules = rep.schedules;
        }
        session.stop();
        res.push({ n, rates, schedules, cold: cold.schedulesPerSecond });
      }
      // One step, engine side: step() -> resolved state, with source locations on (as the view uses it).
      const session = m.startStepRun({ exampleUrl, params: { threads: 2, n: 3 } });
      await session.ready;
      const steps: number[] = [];
      for (let r = 0; r < 4; r++) {
        let s = await session.reset();
        while (s.status === 'choosing') {
          const t0 = performance.now();
          s = await session.step(s.enabled[steps.length % s.enabled.length] as number);
          steps.push(performance.now() - t0);
        }
      }
      session.stop();
      return { res, steps };
    },
    { id: ID, rounds: ROUNDS },
  );
  for (const r of out.res) {
    const m = median(r.rates);
    rows.push({ name: `Chromium explore ${ID} n=${r.n} (${r.schedules} schedules), warm`, value: `${m.toFixed(0)} schedules/s (rounds ${r.rates.map((x) => x.toFixed(0)).join(', ')})`, budget: '>= 50/s', ok: m >= 50 });
    rows.push({ name: `Chromium explore n=${r.n}, cold`, value: `${r.cold.toFixed(0)} schedules/s`, budget: 'reported', ok: true });
  }
  const ms = median(out.steps);
  rows.push({ name: `Chromium one step, engine (step() -> state), ${out.steps.length} steps`, value: `${ms.toFixed(2)} ms median`, budget: '<= 16 ms (whole click-to-paint)', ok: ms <= 16 });
} finally {
  await browser.close();
  await server.close();
}

const width = Math.max(...rows.map((r) => r.name.length));
console.log(`Step engine budgets (load average ${loadavg().map((x) => x.toFixed(1)).join(' ')})`);
for (const r of rows) console.log(`${r.ok ? 'ok  ' : 'OVER'} ${r.name.padEnd(width)}  ${r.value}  (budget ${r.budget})`);
process.exit(rows.every((r) => r.ok) ? 0 : 1);
