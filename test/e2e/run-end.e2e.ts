/**
 * Runs that really end (issue 10): after Stop, a deadlock verdict or the time limit, the BROWSER's own
 * worker list (CDP Target events, what Playwright's page.workers() reports; not the host's
 * bookkeeping) is empty within 200 ms. Before the run-ended word (layout.ts H_RUN_ENDED), Chromium
 * kept a terminated worker that was blocked in Atomics.wait or busy for its ~2 s forced-termination
 * delay.
 *
 * Timing: the page stamps Date.now() at the Stop click, or, for a verdict or the time limit, when the
 * example's runner shows the end (data-phase="ended"); Node stamps Date.now()
 * when CDP reports each worker closed. Same machine, same wall clock. On a busy machine one attempt
 * can be slow for reasons that are not the run's (CDP delivery, the test process itself), so each
 * example gets up to five attempts (after a miss, a second's pause lets the machine settle), the best
 * one must be within the bound, and the bound is 200 ms beyond an idle worker's termination measured
 * right after (idleDelay); every figure is printed, and a failure names the example and its figures.
 * A run whose workers outlive the 200 ms by far (Chromium's ~2 s forced termination) misses on every
 * attempt however quiet the machine is, so the retries do not hide the defect the test is about.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page, Worker as PwWorker } from 'playwright-core';
import { baseUrl, launch, openPage } from './browser';
import { allExamples, ready } from './examples-helpers';

const BOUND_MS = 200;
/** Attempts per example; the best counts (see the header). */
const ATTEMPTS = 5;

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser.close();
});

/** Live workers as the browser reports them (page.workers() is kept by CDP Target attach/detach events). */
interface Tracker {
  live: Set<PwWorker>;
  lastClose: () => number;
  /** Most workers alive at once since the last reset (what the run had). */
  peak: number;
}

function trackWorkers(page: Page): Tracker {
  const live = new Set<PwWorker>(page.workers());
  let last = 0;
  const tracker: Tracker = { live, lastClose: () => last, peak: live.size };
  page.on('worker', (w) => {
    live.add(w);
    tracker.peak = Math.max(tracker.peak, live.size);
    w.on('close', () => {
      live.delete(w);
      last = Date.now();
    });
  });
  return tracker;
}

async function stampEnd(page: Page, id: string): Promise<void> {
  await page.evaluate((exId) => {
    const runner = document.querySelector(`section[data-example-id="${exId}"] .ex-runner`);
    const w = window as unknown as { __endedAt?: number };
    w.__endedAt = 0;
    if (!runner) return;
    // Stop: the click is the end (the host terminates at once; the island repaints a frame later).
    runner.querySelector('button.ex-stop')?.addEventListener('click', () => (w.__endedAt ||= Date.now()), { capture: true, once: true });
    // A verdict or the time limit: the moment the page shows the run ended.
    new MutationObserver((_, obs) => {
      if (runner.getAttribute('data-phase') === 'ended') {
        w.__endedAt ||= Date.now();
        obs.disconnect();
      }
    }).observe(runner, { attributes: true, attributeFilter: ['data-phase'] });
  }, id);
}

/**
 * This machine's own delay right now: an idle worker (back in its event loop, the state the runtime
 * puts every worker in) terminated, until CDP reports it closed. On a saturated machine this alone
 * can approach the bound; the test allows it on top of the 200 ms, so it fails on the ~2 s forced
 * termination it is about, not on scheduler noise.
 */
async function idleDelay(page: Page, tracker: Tracker): Promise<number> {
  await page.evaluate(() => {
    const url = URL.createObjectURL(new Blob(['postMessage("up")'], { type: 'text/javascript' }));
    const w = new Worker(url);
    (window as unknown as { __idle?: { terminate(): void } }).__idle = w;
    return new Promise<void>((resolve) => (w.onmessage = () => resolve()));
  });
  const t0 = await page.evaluate(() => {
    (window as unknown as { __idle?: { terminate(): void } }).__idle?.terminate();
    return Date.now();
  });
  const deadline = Date.now() + 5_000;
  while (tracker.live.size > 0 && Date.now() < deadline) await page.waitForTimeout(5);
  return Math.max(0, tracker.lastClose() - t0);
}

interface Measure {
  ms: number;
  /** The idle-worker delay measured right after (idleDelay); the bound is BOUND_MS plus this. */
  idleMs: number;
  /** Workers the run had (the browser's count, at its peak). */
  workers: number;
  verdict: string;
}

/**
 * One run: Run, then `end` ('stop': click Stop once it runs; 'self': wait for the verdict or the time
 * limit), then wait until the browser lists no worker; returns the time from the page's end to the
 * last worker's close.
 */
async function measure(page: Page, id: string, end: 'stop' | 'self', tracker: Tracker, timeoutMs: number): Promise<Measure> {
  const ex = page.locator(`section[data-example-id="${id}"]`);
  await stampEnd(page, id);
  tracker.peak = tracker.live.size;
  await ex.locator('button.ex-run').click();
  if (end === 'stop') {
    // Stop while it runs (an example that finished first ended by itself; its workers must be gone too).
    await ex.locator('.ex-runner[data-phase="running"]').waitFor({ timeout: 30_000 }).catch(() => {});
    // Let its threads start and block or spin (the state the ~2 s delay came from).
    await page.waitForTimeout(300);
    // The run may end by itself between the look and the click (Stop is then disabled): fine either way.
    if ((await ex.locator('.ex-runner').getAttribute('data-phase')) === 'running') await ex.locator('button.ex-stop').click({ timeout: 2_000 }).catch(() => {});
  }
  await ex.locator('.ex-runner[data-phase="ended"]').waitFor({ timeout: timeoutMs });
  const endedAt = await page.evaluate(() => (window as unknown as { __endedAt?: number }).__endedAt ?? 0);
  // Wait past Chromium's ~2 s forced termination, so that a miss prints how long the workers really lived.
  const deadline = Date.now() + 8_000;
  while (tracker.live.size > 0 && Date.now() < deadline) await page.waitForTimeout(5);
  const verdict = ((await ex.locator('.ex-live .ex-verdict').textContent()) ?? '').trim();
  if (tracker.live.size > 0) return { ms: Infinity, idleMs: 0, workers: tracker.peak, verdict };
  const ms = Math.max(0, tracker.lastClose() - endedAt);
  const workers = tracker.peak;
  return { ms, idleMs: await idleDelay(page, tracker), workers, verdict };
}

async function bestOf(url: string, id: string, end: 'stop' | 'self', timeoutMs = 30_000, opened?: { page: Page; tracker: Tracker }): Promise<{ best: Measure; all: Measure[] }> {
  const all: Measure[] = [];
  const own = opened === undefined ? await openPage(browser, baseUrl() + url) : null;
  const page = opened?.page ?? own?.page;
  if (page === undefined) throw new Error('no page');
  try {
    const tracker = opened?.tracker ?? trackWorkers(page);
    await ready(page, id);
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      if (attempt > 0) await page.waitForTimeout(1_000);
      const m = await measure(page, id, end, tracker, timeoutMs);
      all.push(m);
      if (within(m)) break;
    }
  } finally {
    await own?.close();
  }
  const best = all.reduce((a, b) => (b.ms - b.idleMs < a.ms - a.idleMs ? b : a));
  return { best, all };
}

/** Within 200 ms, beyond what an idle worker's termination takes on this machine right now. */
function within(m: Measure): boolean {
  return m.ms <= BOUND_MS + m.idleMs;
}

/** Beyond an idle worker's termination, a best attempt over this much is printed as a warning: near the bound. */
const NEAR_MS = 150;

/** Prints every attempt; `bound` is the test's bound for this case (null: measured, not bounded). */
function report(label: string, r: { best: Measure; all: Measure[] }, bound: number | null = BOUND_MS): void {
  console.log(`${label}: ${r.all.map((m) => `${m.ms === Infinity ? '>8000' : m.ms} ms (${m.workers} workers; idle worker ${m.idleMs} ms)`).join(', ')}; verdict: ${r.best.verdict}`);
  if (bound === null) return;
  // The retries are for CDP delivery noise on a busy machine; a miss they hid, or a pass close to the
  // bound, is printed so that a slow exit is seen in the log before it fails a run (as time-slices did).
  const beyond = (m: Measure) => m.ms - m.idleMs;
  const missed = r.all.filter((m) => beyond(m) > bound).length;
  const near = beyond(r.best) > bound - (BOUND_MS - NEAR_MS) && beyond(r.best) <= bound;
  if (missed > 0 || near) {
    const why = [missed > 0 ? `${missed} of ${r.all.length} attempts missed the bound` : '', near ? `the best is within ${bound - beyond(r.best)} ms of it` : ''];
    console.log(`WARNING ${label}: ${why.filter((x) => x !== '').join('; ')}`);
  }
}

const examples = new Map<string, string>();
for (const { url, id } of allExamples()) if (!examples.has(id)) examples.set(id, url);

/**
 * Examples whose threads run a loop that never calls the runtime: nothing inside the worker can end
 * it, only Chromium's forced termination (measured and stated on processes-and-threads/endless-loop's
 * page). Listed here with that reason; every other example must end within the bound.
 */
const PURE_LOOPS = new Map<string, string>([
  [
    'choosing/event-loop',
    'its point is a task that computes for 300 ms without an await; a Stop during that computation takes effect when it returns to the event loop (measured 180-250 ms after Stop)',
  ],
]);

describe('after Stop, a verdict or the time limit, the browser lists 0 workers within 200 ms', () => {
  it('processes-and-threads/endless-loop, after Stop', async () => {
    const id = 'processes-and-threads/endless-loop';
    const r = await bestOf(examples.get(id) ?? '', id, 'stop');
    report(`${id} after Stop`, r);
    expect(r.best.workers).toBeGreaterThan(0);
    expect(r.best.ms).toBeLessThanOrEqual(BOUND_MS + r.best.idleMs);
  });

  it('deadlocks/philosophers, after the deadlock verdict', async () => {
    const id = 'deadlocks/philosophers';
    const r = await bestOf(examples.get(id) ?? '', id, 'self');
    report(`${id} after the verdict`, r);
    expect(r.best.verdict.toLowerCase()).toContain('deadlock');
    expect(r.best.ms).toBeLessThanOrEqual(BOUND_MS + r.best.idleMs);
  });

  it('deadlocks/opposite-order, after the deadlock verdict', async () => {
    const id = 'deadlocks/opposite-order';
    const r = await bestOf(examples.get(id) ?? '', id, 'self');
    report(`${id} after the verdict`, r);
    expect(r.best.verdict.toLowerCase()).toContain('deadlock');
    expect(r.best.ms).toBeLessThanOrEqual(BOUND_MS + r.best.idleMs);
  });

  it('processes-and-threads/endless-loop, at the time limit', async () => {
    const id = 'processes-and-threads/endless-loop';
    const url = examples.get(id) ?? '';
    const { page, close } = await openPage(browser, baseUrl() + url);
    try {
      const tracker = trackWorkers(page);
      await ready(page, id);
      const m = await measure(page, id, 'self', tracker, 30_000);
      report(`${id} at the time limit`, { best: m, all: [m] }, 3 * BOUND_MS);
      expect(m.verdict.toLowerCase()).toMatch(/time limit|stopped/);
      // One attempt only (it takes the example's 10 s): the bound gets the busy-machine margin of 3x.
      expect(m.ms).toBeLessThanOrEqual(3 * BOUND_MS + m.idleMs);
    } finally {
      await close();
    }
  }, 60_000);

  it('a loop that never calls the runtime: measured, not bounded (only the browser can end it)', async () => {
    // A raw worker spinning in pure JavaScript, terminated as the host terminates a run's workers:
    // nothing in it can look at the run-ended word, so Chromium ends it by its forced termination.
    const { page, close } = await openPage(browser, baseUrl() + (examples.get('processes-and-threads/endless-loop') ?? '/'));
    try {
      const tracker = trackWorkers(page);
      await page.evaluate(() => {
        const url = URL.createObjectURL(new Blob(['postMessage("spinning"); for (;;) {}'], { type: 'text/javascript' }));
        const w = new Worker(url);
        (window as unknown as { __spin?: Worker }).__spin = w;
        return new Promise<void>((resolve) => (w.onmessage = () => resolve()));
      });
      await page.waitForTimeout(300);
      const t0 = await page.evaluate(() => {
        (window as unknown as { __spin?: Worker }).__spin?.terminate();
        return Date.now();
      });
      const deadline = Date.now() + 10_000;
      while (tracker.live.size > 0 && Date.now() < deadline) await page.waitForTimeout(10);
      const ms = tracker.lastClose() - t0;
      console.log(`a pure JavaScript loop, terminate() to 0 workers: ${ms} ms (Chromium's forced termination)`);
      expect(tracker.live.size).toBe(0);
    } finally {
      await close();
    }
  });

  it('every other shipped example, stopped while it runs', async () => {
    const failures: string[] = [];
    // One page per article, its examples run one after another (page loads are the slow part).
    const byPage = new Map<string, string[]>();
    for (const [id, url] of examples) if (!PURE_LOOPS.has(id) && !id.startsWith('gil-lab/')) byPage.set(url, [...(byPage.get(url) ?? []), id]);
    for (const [url, ids] of byPage) {
      const { page, close } = await openPage(browser, baseUrl() + url);
      try {
        const tracker = trackWorkers(page);
        for (const id of ids) {
          const r = await bestOf(url, id, 'stop', 30_000, { page, tracker });
          report(id, r);
          if (!within(r.best)) failures.push(`${id}: ${r.all.map((m) => `${m.ms} ms (idle worker ${m.idleMs} ms, ${m.workers} workers)`).join(', ')}`);
        }
      } finally {
        await close();
      }
    }
    // The message carries the figures, so that the summary's one line names what missed.
    expect(failures, `missed the bound: ${failures.join('; ')}`).toEqual([]);
  }, 1_800_000);

  it('the examples whose loop never calls the runtime still leave no worker behind', async () => {
    for (const [id, why] of PURE_LOOPS) {
      const r = await bestOf(examples.get(id) ?? '', id, 'stop');
      report(`${id} (not bounded: ${why})`, r, null);
      // measure() gives Infinity when a worker outlives the page's end by 8 s.
      expect(r.best.ms, id).toBeLessThan(Infinity);
    }
  }, 300_000);
});
