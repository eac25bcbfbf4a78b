/**
 * Verification codes (src/runtime/verification-code.ts, src/runtime/verify-code.ts) as data: the
 * format round-trips, and each way a code can be wrong gets its own kind and a message that says
 * what is wrong. Replays are in challenges.test.ts (every challenge's winning schedule, on real
 * workers) and in the CLI and e2e tests; here nothing runs, so the judge gets hand-made end states.
 */
import { describe, expect, it } from 'vitest';
import { checkOf, crc32, encodeVerificationCode, scheduleField } from '../../../src/runtime/verification-code.ts';
import { checkClaim, decodeVerificationCode, judgeReplay, parseVerificationCode, type ChallengeInfo, type ReplayedState } from '../../../src/runtime/verify-code.ts';
import { parseSchedule } from '../../../src/runtime/schedule.ts';
import type { RunResult } from '../../../src/runtime/host/run.ts';

const totalTwo: ChallengeInfo = {
  id: 'challenges/total-two',
  title: 'Four increments, a total of 2',
  win: { kind: 'counter', counter: 'total', equals: 2 },
  params: { n: 2 },
  ranges: {},
};
const readers: ChallengeInfo = {
  id: 'challenges/reader-starvation',
  title: 'Reader starvation',
  win: { kind: 'error', includes: 'AssertionError' },
  params: { writers: 1, writes: 2 },
  ranges: { writers: { min: 1, max: 2 }, writes: { min: 2, max: 3 } },
};
const lookup = (id: string) => [totalTwo, readers].find((c) => c.id === id);
const WIN = parseSchedule('1 2 2 2 1 1 1 2');
const code = encodeVerificationCode({ id: totalTwo.id, params: { n: 2 }, schedule: WIN });

/** Flips one character of the code at `index` to another allowed one. */
const flip = (s: string, index: number, to: string) => `${s.slice(0, index)}${to}${s.slice(index + 1)}`;

function problem(text: string) {
  const d = decodeVerificationCode(text, lookup);
  if (d.ok) throw new Error(`decoded ${text}`);
  return d.problem;
}

describe('verification codes', () => {
  it('use the zip/PNG CRC-32 for their check', () => {
    expect(crc32('123456789')).toBe(0xcbf43926); // the standard check value of CRC-32/ISO-HDLC
  });

  it('are compact, URL-safe and readable: challenge, parameters, schedule runs, check', () => {
    expect(code).toMatch(/^IL1-total_two-n~2-1\.2x3\.1x3\.2-[0-9A-HJKMNP-TV-Z]{7}$/);
    expect(encodeURIComponent(code)).toBe(code);
    expect(scheduleField(parseSchedule('M M 1 2 2 62'))).toBe('Mx2.1.2x2.62');
  });

  it('round-trip: claim, parameters sorted, schedule exact', () => {
    const schedule = parseSchedule('1 1 1 2 2 1 M 2 2 2 2');
    const c = encodeVerificationCode({ id: readers.id, params: { writes: 3, writers: 2 }, schedule });
    expect(c.startsWith('IL1-reader_starvation-writers~2.writes~3-')).toBe(true);
    const d = decodeVerificationCode(c, lookup);
    expect(d.ok && d.claim).toEqual({ id: readers.id, params: { writers: 2, writes: 3 }, schedule });
  });

  it('survive whitespace and a retyped check (lower case, O for 0, I or L for 1)', () => {
    const spaced = `  ${code.slice(0, 10)}\n ${code.slice(10)}  `;
    expect(decodeVerificationCode(spaced, lookup).ok).toBe(true);
    const check = code.slice(-7);
    const retyped = check.toLowerCase().replace(/0/g, 'o').replace(/1/g, 'l');
    expect(decodeVerificationCode(code.slice(0, -7) + retyped, lookup).ok).toBe(true);
  });

  it('reject what is not a code, and a code cut short, as bad format', () => {
    expect(problem('')).toMatchObject({ kind: 'format', message: expect.stringMatching(/Paste a verification code/) });
    expect(problem('1 2 2 2 1 1 1 2')).toMatchObject({ kind: 'format', message: expect.stringMatching(/not a verification code: codes start with IL1-/) });
    expect(problem(code.slice(0, code.lastIndexOf('-')))).toMatchObject({ kind: 'format', message: expect.stringMatching(/5 parts .* this one has 4/) });
    expect(problem(`${code.slice(0, -7)}12`)).toMatchObject({ kind: 'format', message: expect.stringMatching(/the check, is 7 letters and digits/) });
  });

  it('reject another version by name', () => {
    expect(problem(code.replace(/^IL1/, 'IL2'))).toMatchObject({ kind: 'version', message: expect.stringMatching(/version 2; this site reads version 1/) });
  });

  it('reject one changed character of the schedule, and a changed check, as tampered', () => {
    const at = code.indexOf('1.2x3') + 2; // the "2" of "2x3"
    const tampered = flip(code, at, '1');
    expect(tampered).not.toBe(code);
    expect(problem(tampered)).toMatchObject({ kind: 'check', message: expect.stringMatching(/check does not match .* changed or mistyped/) });
    const last = code.at(-1) === 'A' ? 'B' : 'A';
    expect(problem(flip(code, code.length - 1, last))).toMatchObject({ kind: 'check' });
    // Every single-character change of the body is caught (CRC-32 detects every burst of up to 32 bits).
    const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789_~.xM';
    for (let i = 4; i < code.length - 8; i++) {
      for (const ch of alphabet) {
        if (ch === code[i]) continue;
        const d = decodeVerificationCode(flip(code, i, ch), lookup);
        expect(d.ok, `${flip(code, i, ch)} decoded`).toBe(false);
      }
    }
  });

  it('reject a well-checked code whose parts are malformed, naming the part', () => {
    const withCheck = (body: string) => {
      // What a hand-made code would look like: a correct check over a bad body.
      return `${body}-${checkOf(body)}`;
    };
    expect(problem(withCheck('IL1-Total_two-n~2-1.2'))).toMatchObject({ kind: 'format', message: expect.stringMatching(/The challenge part/) });
    expect(problem(withCheck('IL1-total_two-n=2-1.2'))).toMatchObject({ kind: 'format', message: expect.stringMatching(/The parameters part .* "n=2" is not name~value/) });
    expect(problem(withCheck('IL1-total_two-n~2-1.2y3'))).toMatchObject({ kind: 'format', message: expect.stringMatching(/The schedule part/) });
    expect(problem(withCheck('IL1-total_two-n~2-1.99'))).toMatchObject({ kind: 'format', message: expect.stringMatching(/The schedule part .* no thread 99/) });
    expect(problem(withCheck('IL1-total_two-n~2-'))).toMatchObject({ kind: 'format', message: expect.stringMatching(/The schedule part .* empty/) });
  });

  it('reject an unknown challenge, and parameters the challenge does not allow', () => {
    const other = encodeVerificationCode({ id: 'challenges/no-such-thing', params: {}, schedule: [1] });
    expect(problem(other)).toMatchObject({ kind: 'unknown-challenge', message: expect.stringMatching(/no challenge "no-such-thing"/) });
    const fixed = encodeVerificationCode({ id: totalTwo.id, params: { n: 3 }, schedule: WIN });
    expect(problem(fixed)).toMatchObject({ kind: 'params', message: expect.stringMatching(/n=3; .* played with n=2 only/) });
    const outside = encodeVerificationCode({ id: readers.id, params: { writers: 5 }, schedule: WIN });
    expect(problem(outside)).toMatchObject({ kind: 'params', message: expect.stringMatching(/writers from 1 to 2/) });
    const extra = encodeVerificationCode({ id: totalTwo.id, params: { n: 2, threads: 3 }, schedule: WIN });
    expect(problem(extra)).toMatchObject({ kind: 'params', message: expect.stringMatching(/no parameter threads/) });
    // Left out: the step-mode value.
    const bare = checkClaim({ id: readers.id, params: { writes: 3 }, schedule: WIN }, readers);
    expect(bare.ok && bare.claim.params).toEqual({ writers: 1, writes: 3 });
  });

  it('refuse to write what version 1 cannot hold', () => {
    expect(() => encodeVerificationCode({ id: 'race-conditions/counter-race', params: {}, schedule: [1] })).toThrow(/only challenges/);
    expect(() => encodeVerificationCode({ id: totalTwo.id, params: { n: -1 }, schedule: [1] })).toThrow(/whole number/);
    expect(() => encodeVerificationCode({ id: totalTwo.id, params: { n: 2 }, schedule: [] })).toThrow(/empty schedule/);
  });

  describe('judging a replay', () => {
    const result = (total: number): RunResult['counters'] => [{ name: 'total', value: total, expected: 4 }] as RunResult['counters'];
    const ended = (total: number): ReplayedState => ({
      schedule: WIN,
      error: null,
      end: { result: { reason: 'finished', counters: result(total), output: [], errors: [], deadlock: null, message: 'Finished.' } },
    });
    const claim = { id: totalTwo.id, params: { n: 2 }, schedule: WIN };

    it('solved when the run ends and meets the win', () => {
      expect(judgeReplay(claim, totalTwo, ended(2))).toEqual({ ok: true, kind: 'solved', message: expect.stringMatching(/^Solved: the schedule wins "Four increments, a total of 2" in 8 steps/) });
    });

    it('does not win when the end misses the win, says why', () => {
      expect(judgeReplay(claim, totalTwo, ended(3))).toEqual({ ok: false, kind: 'does-not-win', message: 'Does not win: Finished. total = 3, not 2.' });
    });

    it('does not win when a step cannot be taken or the run goes on after the schedule', () => {
      const stuck = judgeReplay(claim, totalTwo, { schedule: WIN.slice(0, 3), error: 'step 4: T2 cannot take a step: it has ended', end: null });
      expect(stuck).toMatchObject({ ok: false, kind: 'does-not-win', message: expect.stringMatching(/cannot be replayed \(step 4: T2 cannot take a step/) });
      const short = judgeReplay(claim, totalTwo, { schedule: WIN.slice(0, 3), error: null, end: null });
      expect(short).toMatchObject({ ok: false, message: expect.stringMatching(/has not ended after the schedule's 8 steps/) });
    });
  });

  it('parse without knowing the challenges (the CLI checks the id first)', () => {
    const p = parseVerificationCode(code);
    expect(p.ok && p.claim.id).toBe(totalTwo.id);
  });
});
