/**
 * Side by side (issue 9, section 4): Explore's possible outcomes next to real parallel Runs of the
 * same compiled module with the same step-mode params, on real worker_threads. Nothing here asserts
 * how real runs distribute over the outcomes (that depends on the machine), only what they may be.
 */
import { describe, expect, it } from 'vitest';
import { compareOutcomes, possibleText, realRuns, seenText, spreadText } from '../../../src/runtime/host/compare.ts';
import { exploreExample, liveWorkers, nodePlatform } from '../../../src/runtime/host/node-host.ts';

const N = 20;
// 20 real runs start 60 workers: a few seconds idle, much longer on a loaded 2-core machine.

describe('compare with real runs', () => {
  it('unlocked counter at n=2: both columns within {2, 3, 4}, seen counts add up to N', async () => {
    const { example, report } = await exploreExample('race-conditions/counter-race', { params: { threads: 2, n: 2 } });
    const seen = await realRuns(nodePlatform, { exampleUrl: example.url, params: example.params, runs: N });
    const c = compareOutcomes(report, seen);
    const allowed = ['final total: 2', 'final total: 3', 'final total: 4'];
    expect(report.outcomes.map((o) => o.label)).toEqual(allowed);
    expect(seen).toHaveLength(N);
    for (const l of seen) expect(allowed).toContain(l);
    expect(c.unlisted).toEqual([]);
    expect(c.warning).toBeNull();
    expect(c.rows.map((r) => r.label)).toEqual(allowed);
    expect(c.rows.reduce((a, r) => a + r.seen, 0)).toBe(N);
    expect(c.rows.reduce((a, r) => a + (r.possible ?? 0), 0)).toBe(report.schedules);
    expect(c.runs).toBe(N);
    expect(c.line).toMatch(new RegExp(`^possible: 2–4; seen in ${N} real runs: `));
    console.log(`counter-race n=2: ${c.line}`);
    expect(liveWorkers()).toBe(0);
  }, 180_000);

  it('locked counter at n=2: possible only 4, and every real run ends at 4', async () => {
    const { example, report } = await exploreExample('race-conditions/counter-lock', { params: { threads: 2, n: 2 } });
    const seen = await realRuns(nodePlatform, { exampleUrl: example.url, params: example.params, runs: N });
    const c = compareOutcomes(report, seen);
    expect(seen).toEqual(Array<string>(N).fill('final total: 4'));
    expect(c.rows).toEqual([{ label: 'final total: 4', possible: report.schedules, seen: N, ok: true }]);
    expect(c.line).toBe(`possible: 4; seen in ${N} real runs: 4 (${N})`);
  }, 180_000);

  it('an outcome real runs showed but Explore did not list is flagged, loudly when the search was complete', () => {
    const report = { complete: true, outcomes: [{ label: 'final total: 4', count: 6, ok: true, example: [] }] };
    const c = compareOutcomes(report, ['final total: 4', 'final total: 5', 'final total: 4']);
    expect(c.unlisted).toEqual(['final total: 5']);
    expect(c.rows).toEqual([
      { label: 'final total: 4', possible: 6, seen: 2, ok: true },
      { label: 'final total: 5', possible: null, seen: 1, ok: null },
    ]);
    expect(c.warning).toMatch(/^BUG: .*final total: 5/);
    expect(compareOutcomes({ ...report, complete: false }, ['final total: 5']).warning).toMatch(/not complete/);
  });

  it('texts: a numeric range, else the labels; seen counts most frequent first', () => {
    expect(possibleText(['final total: 2', 'final total: 3', 'final total: 4'])).toBe('possible: 2–4');
    expect(possibleText(['deadlock', 'finished'])).toBe('possible: deadlock; finished');
    expect(seenText(['final total: 3', 'final total: 4', 'final total: 4'])).toBe('4 (2), 3 (1)');
    expect(spreadText(['final total: 1203518', 'final total: 1994211', 'final total: 1203518'])).toBe('3 runs, 2 different outcomes: final total 1,203,518–1,994,211');
    expect(spreadText(['deadlock', 'final total: 4'])).toBe('2 runs, 2 different outcomes: deadlock (1), 4 (1)');
  });
});
