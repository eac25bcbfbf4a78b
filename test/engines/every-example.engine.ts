/**
 * Every example on every article page and the challenges page, clicked like a reader would, in this
 * engine: each run ends with the example's own statement met (exercises: "Not solved yet"), by the
 * same rule as the Chromium suite (test/e2e/every-example.e2e.ts, runAsReader: a demo that missed its
 * point runs up to twice more). Examples that only end by Stop or the time limit are stopped once
 * running. After each page, no run worker is left (see leftoverWorkers for how each engine counts).
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { examplesByPage, runAsReader } from '../e2e/examples-helpers';
import { leftoverWorkers, ready, runOnce } from './examples';
import { recordFigure } from './figures';
import { connectEngine, type Engine } from './page';

const byPage = examplesByPage();
let engine: Engine;
let total = 0;
let gave = 0;
const again: string[] = [];
let workerHow = '';

beforeAll(async () => {
  engine = await connectEngine();
});
afterAll(async () => {
  recordFigure('examples', `${gave} of ${total} examples' runs gave their verdict${again.length ? `; run again as a reader would: ${again.join(', ')}` : ''}`);
  if (workerHow) recordFigure('workers', `run workers left after each page, counted by ${workerHow}: 0 on every page that passed`);
  await engine.release();
});

describe(`every example on every page (${inject('engine')})`, () => {
  it('there are examples to run', () => {
    expect(byPage.size).toBeGreaterThan(0);
  });

  for (const [url, ids] of byPage) {
    it(`${url}: ${ids.length} example(s) run and show what they claim`, async () => {
      const page = await engine.newPage();
      await page.goto(inject('baseUrl') + url);
      const failures: string[] = [];
      for (const id of ids) {
        total++;
        const sel = await ready(page, id);
        const [expectAttr, exerciseAttr] = await page.evaluate(
          (s: string) => [document.querySelector(s)?.getAttribute('data-expect') ?? '', document.querySelector(s)?.getAttribute('data-exercise') ?? null],
          sel,
        );
        const exercise = exerciseAttr !== null;
        if (!expectAttr.includes('timeout')) {
          const { failure, runs } = await runAsReader(id, exercise, () => runOnce(page, id, 60_000));
          if (runs > 1) again.push(`${id} (${runs} runs)`);
          if (failure) failures.push(failure);
          else gave++;
        } else {
          await page.click(`${sel} button.ex-run`);
          await page.waitFor(`${id} running`, (s: string) => document.querySelector(`${s} .ex-runner[data-phase="running"]`) !== null, [sel]);
          await page.click(`${sel} button.ex-stop`);
          await page.waitFor(`${id} stopped`, (s: string) => document.querySelector(`${s} .ex-runner[data-phase="ended"]`) !== null, [sel]);
          const v = await page.evaluate((s: string) => {
            const el = document.querySelector(`${s} .ex-live .ex-verdict`);
            return { ok: el?.classList.contains('ex-ok') ?? false, text: el?.textContent ?? '' };
          }, sel);
          if (!v.ok) failures.push(`${id}: ${v.text}`);
          else gave++;
        }
      }
      expect(failures).toEqual([]);
      const left = await leftoverWorkers(page);
      workerHow = left.how;
      expect(left.count, `workers left, by ${left.how}`).toBe(0);
      expect(await page.errors()).toEqual([]);
      await page.close();
    });
  }
});
