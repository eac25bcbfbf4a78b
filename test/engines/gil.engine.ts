/**
 * The GIL lab's timeline in this engine, as in Chromium (test/e2e/gil.e2e.ts): a run with the GIL
 * draws two lanes and hands the GIL back and forth; the free-threaded run has no hand-offs. (The
 * speedup chart, a minute of measurements, runs in Chromium only: it is the same worker code.)
 */
import { describe, expect, inject, it } from 'vitest';
import { hostWorkers, leftoverWorkers } from './examples';
import { recordFigure } from './figures';
import { useEngine } from './page';

const engine = useEngine();

describe(`GIL lab (${inject('engine')})`, () => {
  it('the timeline runs with the GIL (two lanes, hand-offs, painted) and free-threaded (no GIL)', async () => {
    const page = await engine.newPage();
    await page.goto(inject('baseUrl') + '/articles/the-gil/');
    await page.evaluate(() => document.querySelector('.gil-timeline')?.scrollIntoView({ block: 'center', behavior: 'instant' }));
    await page.waitFor('the timeline to hydrate', () => document.querySelector('.gil-timeline[data-hydrated]') !== null, []);
    await page.click('.gil-timeline button.gil-run');
    await page.waitFor('the timeline to start', () => document.querySelector('.gil-timeline')?.getAttribute('data-phase') !== 'idle', []);
    await page.waitFor('the GIL run to end', () => document.querySelector('.gil-timeline')?.getAttribute('data-phase') === 'ended', [], 60_000);
    const lab = await page.evaluate(() => {
      const el = document.querySelector('.gil-timeline')!;
      const c = el.querySelector('canvas')!;
      const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
      let painted = 0;
      for (let i = 3; i < d.length; i += 4) if (d[i] !== 0) painted++;
      return { lanes: el.getAttribute('data-lanes'), segments: Number(el.getAttribute('data-segments')), summary: el.querySelector('[data-summary]')?.textContent ?? '', painted };
    });
    expect(lab.lanes).toBe('2');
    expect(lab.segments).toBeGreaterThan(10);
    expect(lab.summary).toMatch(/ran Python \d+% of the time, waited for the GIL \d+%/);
    expect(lab.summary).toMatch(/\d+ GIL hand-offs/);
    expect(lab.painted).toBeGreaterThan(1000);
    await page.click('.gil-timeline input[value="free-threaded"]');
    await page.click('.gil-timeline button.gil-run');
    // Ended again, and the summary is the new run's (the first run's says nothing of "no GIL").
    await page.waitFor(
      'the free-threaded run to end',
      () => document.querySelector('.gil-timeline')?.getAttribute('data-phase') === 'ended' && (document.querySelector('.gil-timeline [data-summary]')?.textContent ?? '').includes('no GIL'),
      [],
      60_000,
    );
    const free = await page.text('.gil-timeline [data-summary]');
    expect(free).toContain('no GIL');
    expect(await hostWorkers(page)).toBe(0);
    const left = await leftoverWorkers(page);
    expect(left.count, `workers left, by ${left.how}`).toBe(0);
    expect(await page.errors()).toEqual([]);
    recordFigure('gil', `timeline: ${lab.segments} segments on ${lab.lanes} lanes, "${lab.summary.trim().slice(0, 160)}"; free-threaded: "${free.trim().slice(0, 80)}"`);
    await page.close();
  });
});
