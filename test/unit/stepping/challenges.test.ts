/**
 * Every challenge (content/examples/challenges/) is a puzzle that can be won: real step runs on real
 * workers, searched by Explore (src/runtime/host/explore.ts).
 *
 * For each challenge:
 * - explore its step-mode program: every schedule when there are at most EXHAUSTIVE_LIMIT, else
 *   every schedule with at most 2 preemptions (CHESS bounding, the CLI's fallback too);
 * - judge each outcome with the challenge's own `win` (checkExpectation, as the page does) on a
 *   replay of the outcome's example schedule, which must reproduce the outcome. An outcome label
 *   ("error: AssertionError: ...", "deadlock", "final total: 2") fixes what every win kind but
 *   'output' and 'timeout' looks at, so per-outcome verdicts give exact per-schedule counts;
 * - at least one schedule wins and at least one does not (a puzzle, not a given);
 * - the winning schedule, as a string, replays through the terminal
 *   (`npm run example -- <id> --schedule "<s>" --json`) to a win;
 * - the explorer's own win count (exploreExample given `win`, what "Explore: every way to win" shows)
 *   agrees with the per-outcome verdicts;
 * - the winning schedule's verification code (src/runtime/verification-code.ts) decodes to the same
 *   claim and its replay is judged "solved" by verify-code.ts (what the page and the CLI use); a
 *   non-winning schedule's code is judged "does not win";
 * - no hint gives the winning schedule away; orders on the page are unique; no worker is left.
 * The counts are printed (the challenges docs quote them).
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkExpectation } from '../../../src/runtime/expectation.ts';
import { outcomeOf } from '../../../src/runtime/host/explore.ts';
import { exploreExample, listExampleIds, liveWorkers, loadExample, stepExample } from '../../../src/runtime/host/node-host.ts';
import type { RunResult } from '../../../src/runtime/host/run.ts';
import { formatSchedule, type Schedule } from '../../../src/runtime/schedule.ts';
import { encodeVerificationCode } from '../../../src/runtime/verification-code.ts';
import { decodeVerificationCode, judgeReplay, type ChallengeInfo } from '../../../src/runtime/verify-code.ts';

/** Past this many schedules, search those with at most 2 preemptions instead (keeps the file under a few minutes on a loaded 2-core machine). */
const EXHAUSTIVE_LIMIT = 200;

const exampleScript = fileURLToPath(new URL('../../../scripts/example.ts', import.meta.url));

const ids = listExampleIds().filter((id) => id.startsWith('challenges/'));

describe('challenges: each can be won by some schedule and lost by another', () => {
  it('finds the challenges, each with a unique order on the page', async () => {
    expect(ids.length).toBeGreaterThanOrEqual(12);
    expect(ids).toEqual(
      expect.arrayContaining(['challenges/overdraw', 'challenges/if-not-while', 'challenges/extra-release', 'challenges/aba-stack', 'challenges/reader-starvation', 'challenges/barrier-reuse']),
    );
    const orders = new Map<number, string>();
    for (const id of ids) {
      const order = (await loadExample(id)).meta.challenge?.order;
      if (order === undefined) throw new Error(`${id} has no meta.challenge`);
      expect(orders.get(order), `${id}: order ${order} also used by ${orders.get(order)}`).toBeUndefined();
      orders.set(order, id);
    }
  });

  for (const id of ids) {
    it(id, { timeout: 300_000 }, async () => {
      const { meta } = await loadExample(id);
      const challenge = meta.challenge;
      if (challenge === undefined) throw new Error(`${id} is in challenges/ but has no meta.challenge`);
      expect(meta.step, `${id}: a challenge is won by stepping`).toBeDefined();

      const { report } = await exploreExample(id, { win: challenge.win, exhaustiveLimit: EXHAUSTIVE_LIMIT, fallbackBound: 2 });
      expect(report.complete, `${id}: ${report.summary}`).toBe(true);

      // Judge every outcome with the challenge's win, on a replay of its example schedule.
      const { session, example } = await stepExample(id, { locate: false });
      const info: ChallengeInfo = { id, title: meta.title, win: challenge.win, params: example.params, ranges: meta.step?.ranges ?? {} };
      const verdictOfCode = async (schedule: Schedule) => {
        const code = encodeVerificationCode({ id, params: example.params, schedule });
        const decoded = decodeVerificationCode(code, (x) => (x === id ? info : undefined));
        if (!decoded.ok) throw new Error(`${id}: ${code}: ${decoded.problem.message}`);
        expect(decoded.claim, `${id}: ${code} round-trips`).toEqual({ id, params: example.params, schedule: [...schedule] });
        return { code, verdict: judgeReplay(decoded.claim, info, await session.replay(decoded.claim.schedule)) };
      };
      let won = 0;
      let lost = 0;
      let winning: Schedule | null = null;
      let losing: Schedule | null = null;
      try {
        for (const o of report.outcomes) {
          const state = await session.replay(formatSchedule(o.example));
          const result = state.end?.result;
          if (result === undefined) throw new Error(`${id}: replaying ${formatSchedule(o.example)} did not end the run (${state.error ?? state.status})`);
          expect(outcomeOf(result).label, `${id}: replay of ${formatSchedule(o.example)}`).toBe(o.label);
          if (checkExpectation(challenge.win, result).ok) {
            won += o.count;
            winning ??= o.example;
          } else {
            lost += o.count;
            losing ??= o.example;
          }
        }
        // The winning schedule as a verification code: decoded to the same claim, replayed, solved;
        // a schedule that does not win, in a well-formed code, is rejected as such.
        if (winning !== null) {
          const { code, verdict } = await verdictOfCode(winning);
          expect(verdict, `${id}: ${code}`).toMatchObject({ ok: true, kind: 'solved' });
          console.log(`${id}: verification code ${code}`);
        }
        if (losing !== null) {
          const { code, verdict } = await verdictOfCode(losing);
          expect(verdict, `${id}: ${code}`).toMatchObject({ ok: false, kind: 'does-not-win', message: expect.stringMatching(/^Does not win: /) });
        }
      } finally {
        session.stop();
      }
      const scope = report.method === 'exhaustive' ? 'every schedule' : `every schedule with at most ${report.bound} preemptions (exhaustive would be more than ${report.exhaustiveTried})`;
      console.log(
        `${id}: ${report.schedules} schedules (${scope}), ${won} win, ${lost} do not; win ${challenge.win.kind}; ` +
          `a winning schedule: ${winning === null ? '-' : formatSchedule(winning)}; outcomes: ${report.histogram}`,
      );
      expect(won + lost).toBe(report.schedules);
      expect(report.wins?.count, `${id}: the explorer's own win count`).toBe(won);
      expect(winning, `${id}: no schedule wins (${report.histogram})`).not.toBeNull();
      expect(losing, `${id}: every schedule wins: not a puzzle (${report.histogram})`).not.toBeNull();

      // The winning schedule is data: its string replays through the terminal to a win.
      const text = formatSchedule(winning as Schedule);
      const cli = spawnSync(process.execPath, [exampleScript, id, '--schedule', text, '--json'], { encoding: 'utf8', timeout: 120_000 });
      const replayed = JSON.parse(cli.stdout) as { schedule: string; end: { result: RunResult } | null; error: string | null };
      expect(replayed.error, cli.stderr).toBeNull();
      expect(replayed.schedule).toBe(text);
      expect(replayed.end, cli.stderr).not.toBeNull();
      expect(checkExpectation(challenge.win, (replayed.end as { result: RunResult }).result), `${id} --schedule "${text}"`).toMatchObject({ ok: true });

      // Hints lead the way; they do not hand over the answer.
      for (const hint of challenge.hints) expect(hint).not.toContain(text);
      expect(liveWorkers()).toBe(0);
    });
  }

  it('leaves no worker behind', () => {
    expect(liveWorkers()).toBe(0);
  });
});
