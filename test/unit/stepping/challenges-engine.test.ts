/**
 * Every challenge (content/examples/challenges/, docs/challenges.md) is a puzzle: the explorer finds
 * at least one schedule that wins it and at least one that does not, and replaying each in a fresh
 * step session gives the same verdict from checkExpectation(challenge.win, result), the check the
 * challenges page runs after every step. Covers every file in the folder, whoever wrote it.
 */
import { describe, expect, it } from 'vitest';
import { checkExpectation } from '../../../src/runtime/expectation.ts';
import { exploreExample, listExampleIds, liveWorkers, loadExample, stepExample } from '../../../src/runtime/host/node-host.ts';
import { formatSchedule, type Schedule } from '../../../src/runtime/schedule.ts';

const ids = listExampleIds().filter((id) => id.startsWith('challenges/'));

async function verdictOf(id: string, schedule: Schedule): Promise<{ ok: boolean; message: string; error: string | null }> {
  const { example, session } = await stepExample(id);
  try {
    await session.ready;
    const state = await session.replay(schedule);
    const win = example.meta.challenge?.win;
    if (win === undefined) throw new Error(`${id} has no challenge`);
    if (state.end === null) return { ok: false, message: `did not end (status ${state.status})`, error: state.error };
    return { ...checkExpectation(win, state.end.result), error: state.error };
  } finally {
    session.stop();
  }
}

describe('challenges: each one is winnable, and not won by every schedule', () => {
  it('the folder holds challenges, each with meta.challenge and step mode, orders unique', async () => {
    expect(ids.length).toBeGreaterThanOrEqual(6);
    const orders = new Map<number, string>();
    for (const id of ids) {
      const { meta } = await loadExample(id);
      expect(meta.challenge, `${id}: meta.challenge`).toBeDefined();
      expect(meta.step, `${id}: meta.step`).toBeDefined();
      const order = meta.challenge?.order as number;
      expect(orders.get(order), `${id}: order ${order} also used by ${orders.get(order)}`).toBeUndefined();
      orders.set(order, id);
    }
  });

  for (const id of ids) {
    it(id, async () => {
      const { meta } = await loadExample(id);
      const win = meta.challenge?.win;
      expect(win).toBeDefined();
      if (win === undefined) return;
      // Exhaustive where small; past 200 schedules (as challenges.test.ts), every schedule with at most 2 preemptions.
      const { report } = await exploreExample(id, { win, exhaustiveLimit: 200, fallbackBound: 2, maxSchedules: 20_000 });
      const wins = report.wins;
      expect(wins, 'the report counts wins when given `win`').toBeDefined();
      if (wins === undefined) return;
      const noWin = report.outcomes.find((o) => o.win === false);
      console.log(`${id}: ${wins.count} of ${report.schedules} schedules win (${report.method}${report.bound === null ? '' : `, bound ${report.bound}`}); ${report.histogram}`);
      expect(wins.count, `${id}: no winning schedule among ${report.schedules}`).toBeGreaterThan(0);
      expect(wins.count, `${id}: every schedule wins: not a puzzle`).toBeLessThan(report.schedules);
      expect(report.outcomes.filter((o) => o.win === true).reduce((n, o) => n + o.count, 0)).toBe(wins.count);
      // The schedules are data: a fresh session replays them to the same verdict.
      const first = wins.first as Schedule;
      const won = await verdictOf(id, first);
      expect(won.error, `${id}: replaying ${formatSchedule(first)}`).toBeNull();
      expect(won.ok, `${id}: ${formatSchedule(first)} should win: ${won.message}`).toBe(true);
      expect(noWin).toBeDefined();
      const lost = await verdictOf(id, noWin?.example ?? []);
      expect(lost.error).toBeNull();
      expect(lost.ok, `${id}: ${formatSchedule(noWin?.example ?? [])} should not win: ${lost.message}`).toBe(false);
    }, 120_000);
  }

  it('leaves no worker behind', () => {
    expect(liveWorkers()).toBe(0);
  });
});
