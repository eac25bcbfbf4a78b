/**
 * `npm run example -- <id> [--param value]`: the command a course can use to run and check any
 * example in Node. Black box: spawn it on the pinned Node, read its output and exit code.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { encodeVerificationCode } from '../../src/runtime/verification-code.ts';
import { parseSchedule } from '../../src/runtime/schedule.ts';

const script = fileURLToPath(new URL('../../scripts/example.ts', import.meta.url));
const run = (...args: string[]) => spawnSync(process.execPath, [script, ...args], { encoding: 'utf8', timeout: 60_000 });

describe('npm run example', () => {
  it('runs an example with a parameter and exits 0 when its statement holds', () => {
    const r = run('race-conditions/counter-lock', '--n', '200000');
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('[MainThread]');
    expect(r.stdout).toMatch(/expectation exact: met — total = 400,000 of 400,000/);
  });

  it('exits non-zero when the statement does not hold (an unsolved exercise)', () => {
    const r = run('race-conditions/counter-fix');
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('NOT met');
  });

  it('runs a message-passing example in real child processes', () => {
    const r = run('processes-and-threads/process-queue');
    expect(r.status, r.stdout + r.stderr).toBe(0);
  });

  it('reports a deadlock with its cycle', () => {
    const r = run('deadlocks/opposite-order');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/deadlock: .*holds .*waits for/);
  });

  it('lists the examples on --help and refuses bad arguments clearly', () => {
    const help = run('--help');
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('race-conditions/counter-race');
    const bad = run('race-conditions/counter-lock', '--n', 'many');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--n needs a number');
  });

  describe('--verify: a challenge\'s verification code, replayed in Node', () => {
    // total-two: T1 loads 0, T2 adds 1 then loads 1, T1 stores 1 and adds 1 (2), T2 stores 2.
    const code = encodeVerificationCode({ id: 'challenges/total-two', params: { n: 2 }, schedule: parseSchedule('1 2 2 2 1 1 1 2') });

    it('prints the replay and "verified", and exits 0, for a winning code', () => {
      const r = run('challenges/total-two', '--verify', code);
      expect(r.status, r.stdout + r.stderr).toBe(0);
      expect(r.stdout).toMatch(/replaying 8 steps: 1 2 2 2 1 1 1 2/);
      expect(r.stdout).toMatch(/T1 +store total ← 2/);
      expect(r.stdout).toMatch(/final: total = 2/);
      expect(r.stdout).toMatch(/challenges\/total-two: verified — Solved: the schedule wins "Four increments, a total of 2" in 8 steps/);
      expect(r.stdout).toContain('does not show who found the schedule');
    });

    it('exits 1 with the reason for one changed character in the schedule, and for a changed check', () => {
      const schedule = code.split('-')[3] as string;
      const tampered = code.replace(`-${schedule}-`, `-${schedule.replace('2x3', '2x2')}-`);
      expect(tampered).not.toBe(code);
      const r = run('challenges/total-two', '--verify', tampered);
      expect(r.status).toBe(1);
      expect(r.stdout).toMatch(/NOT verified — This code's check does not match the rest of it: a character was changed or mistyped/);
      const check = code.slice(-7);
      const r2 = run('challenges/total-two', '--verify', code.slice(0, -7) + (check[0] === 'Z' ? 'Y' : 'Z') + check.slice(1));
      expect(r2.status).toBe(1);
      expect(r2.stdout).toMatch(/NOT verified — This code's check does not match/);
    });

    it('exits 1 with "does not win" for a well-formed code whose schedule loses', () => {
      const losing = encodeVerificationCode({ id: 'challenges/total-two', params: { n: 2 }, schedule: parseSchedule('1 1 1 1 2 2 2 2') });
      const r = run('challenges/total-two', '--verify', losing);
      expect(r.status).toBe(1);
      expect(r.stdout).toMatch(/final: total = 4/);
      expect(r.stdout).toMatch(/NOT verified — Does not win: Finished\. total = 4, not 2\./);
    });

    it('exits 1 for a code of another challenge, another version, or no code at all', () => {
      const other = run('challenges/odd-one-out', '--verify', code);
      expect(other.status).toBe(1);
      expect(other.stdout).toContain('this code is for challenges/total-two, not challenges/odd-one-out');
      const v2 = run('challenges/total-two', '--verify', code.replace(/^IL1/, 'IL2'));
      expect(v2.status).toBe(1);
      expect(v2.stdout).toMatch(/format version 2; this site reads version 1/);
      const junk = run('challenges/total-two', '--verify', '1 2 2 2');
      expect(junk.status).toBe(1);
      expect(junk.stdout).toMatch(/not a verification code/);
    });
  });
});
