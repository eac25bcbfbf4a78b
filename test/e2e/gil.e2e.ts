/**
 * The GIL lab on the built site, in real Chromium (issue 5): a timeline run draws its lanes live and
 * finishes, the speedup chart shows all three modes, the convoy effect is measured, the console stays
 * clean, no worker outlives its run, and the article's JS before interaction stays small.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { baseUrl, launch, openPage } from './browser';
import { liveWorkers } from './examples-helpers';
import { measurePageJs } from '../../scripts/lib/measure-js.mjs';

const PAGE = '/articles/the-gil/';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser.close();
});

describe('GIL lab', () => {
  it('the timeline draws its lanes while the run goes, finishes, and summarizes it in text', async () => {
    const { page, errors, close } = await openPage(browser, baseUrl() + PAGE);
    const lab = page.locator('.gil-timeline');
    await lab.scrollIntoViewIfNeeded();
    await page.locator('.gil-timeline[data-hydrated]').waitFor({ timeout: 30_000 });
    // Record the number of drawn segments seen while the run is going (in the page, per mutation).
    await page.evaluate(() => {
      const w = window as unknown as { seenSegments: number[] };
      w.seenSegments = [];
      const el = document.querySelector('.gil-timeline')!;
      new MutationObserver(() => {
        if (el.getAttribute('data-phase') === 'running') w.seenSegments.push(Number(el.getAttribute('data-segments')));
      }).observe(el, { attributes: true });
    });
    await lab.locator('button.gil-run').click();
    await page.locator('.gil-timeline[data-phase="ended"]').waitFor({ timeout: 60_000 });
    expect(await lab.getAttribute('data-lanes')).toBe('2');
    expect(Number(await lab.getAttribute('data-segments'))).toBeGreaterThan(10);
    const seen = await page.evaluate(() => (window as unknown as { seenSegments: number[] }).seenSegments);
    expect(seen.some((n) => n > 0), `segments seen while running: ${seen.join(',')}`).toBe(true);
    const summary = (await lab.locator('[data-summary]').textContent()) ?? '';
    expect(summary).toMatch(/ran Python \d+% of the time, waited for the GIL \d+%/);
    expect(summary).toMatch(/\d+ GIL hand-offs/);
    // Something was painted on the canvas (not all transparent).
    const painted = await lab.locator('canvas').evaluate((c: HTMLCanvasElement) => {
      const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
      let n = 0;
      for (let i = 3; i < d.length; i += 4) if (d[i] !== 0) n++;
      return n;
    });
    expect(painted).toBeGreaterThan(1000);
    // The canvas's colours are the theme's, resolved (a light-dark() token string would not paint).
    const colours = await lab.locator('canvas').evaluate((c) => [getComputedStyle(c).color, getComputedStyle(c).outlineColor]);
    for (const colour of colours) expect(colour).toMatch(/^rgb/);
    // Free-threaded: run again in the other mode; no GIL, so no hand-offs.
    await lab.locator('input[value="free-threaded"]').check();
    await lab.locator('button.gil-run').click();
    await page.locator('.gil-timeline[data-phase="running"]').waitFor({ timeout: 10_000 }).catch(() => {});
    await page.locator('.gil-timeline[data-phase="ended"]').waitFor({ timeout: 60_000 });
    expect((await lab.locator('[data-summary]').textContent()) ?? '').toContain('no GIL');
    expect(await liveWorkers(page)).toBe(0);
    expect(errors).toEqual([]);
    await close();
  });

  it('the speedup chart measures and draws all three modes, with the reader\'s core count and a table', async () => {
    const { page, errors, close } = await openPage(browser, baseUrl() + PAGE);
    const chart = page.locator('.gil-speedup');
    await chart.scrollIntoViewIfNeeded();
    await page.locator('.gil-speedup[data-hydrated]').waitFor({ timeout: 30_000 });
    expect(Number(await chart.locator('[data-cores]').getAttribute('data-cores'))).toBeGreaterThan(0);
    await chart.locator('button.gil-run').click();
    await page.locator('.gil-speedup[data-phase="ended"]').waitFor({ timeout: 110_000 });
    for (const w of ['cpu', 'io']) {
      for (const m of ['gil', 'free-threaded', 'processes']) {
        await expect(chart.locator(`figure[data-workload="${w}"] g[data-mode="${m}"] polyline`).count()).resolves.toBe(1);
      }
    }
    const cell = (w: string, n: number, m: string) => chart.locator(`table[data-workload="${w}"] tbody tr:nth-child(${n}) td[data-mode="${m}"]`).textContent();
    expect(await cell('cpu', 2, 'processes')).toMatch(/ms \(\d+\.\d+×\)/);
    expect(await liveWorkers(page)).toBe(0);
    expect(errors).toEqual([]);
    await close();
  });

  it('the convoy effect: an I/O thread beside a CPU-bound thread gets the GIL back later than alone', async () => {
    const { page, errors, close } = await openPage(browser, baseUrl() + PAGE);
    const convoy = page.locator('.gil-convoy');
    await convoy.scrollIntoViewIfNeeded();
    await page.locator('.gil-convoy[data-hydrated]').waitFor({ timeout: 30_000 });
    await convoy.locator('button.gil-run').click();
    await page.locator('.gil-convoy[data-phase="ended"]').waitFor({ timeout: 60_000 });
    const mean = async (row: string) => parseFloat((await convoy.locator(`tr[data-row="${row}"] td`).first().textContent()) ?? 'NaN');
    const alone = await mean('alone');
    const gil = await mean('gil');
    expect(gil, `alone ${alone} ms, beside a CPU-bound thread ${gil} ms`).toBeGreaterThan(alone + 1);
    expect(errors).toEqual([]);
    await close();
  });

  it('loads at most 30 KB of gzipped JS before interaction', async () => {
    const { gzip, files } = await measurePageJs(browser, baseUrl() + PAGE);
    expect(gzip, files.map((f) => `${f.name} ${f.gzip}`).join('\n')).toBeLessThanOrEqual(30 * 1024);
  });
});
