/**
 * The terminal side of step mode: `npm run example -- <id> --schedule "..." [--trace]` and
 * `npm run explore -- <id>`. Black box, on the pinned Node, like test/examples/cli.test.ts.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const script = (name: string): string => fileURLToPath(new URL(`../../../scripts/${name}.ts`, import.meta.url));
const run = (name: string, ...args: string[]) => spawnSync(process.execPath, [script(name), ...args], { encoding: 'utf8', timeout: 120_000 });

describe('npm run example -- <id> --schedule', () => {
  it('replays a schedule with a step trace, identically twice, old ids included', () => {
    const a = run('example', 'race-conditions/counter-race', '--schedule', '1 2 1 2', '--trace');
    expect(a.status, a.stdout + a.stderr).toBe(0);
    expect(a.stdout).toMatch(/T1\s+load total → 0/);
    expect(a.stdout).toMatch(/T2\s+load total → 0/);
    expect(a.stdout).toMatch(/race-conditions\/counter-race\.ts:\d+/);
    expect(a.stdout).toContain('schedule: 1 2 1 2 1 1 2 2  (the last 4 chosen here: lowest ready thread)');
    expect(a.stdout).toContain('expectation lost-updates: met — total = 3 of 4: 1 updates lost');
    const b = run('example', 'locks/counter-race', '--schedule', 'T1 T2 T1 T2', '--trace');
    expect(b.status).toBe(0);
    expect(b.stderr).toContain('note: example locks/counter-race is now race-conditions/counter-race');
    const steps = (s: string): string[] => s.split('\n').filter((l) => /^\s+\d+\s/.test(l));
    expect(steps(b.stdout)).toEqual(steps(a.stdout));
  });

  it('refuses a malformed schedule, an impossible one, and a step param out of range', () => {
    const bad = run('example', 'race-conditions/counter-race', '--schedule', '1 two');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('not a step: "two"');
    const blocked = run('example', 'race-conditions/counter-lock', '--schedule', '1 2');
    expect(blocked.status).toBe(2);
    expect(blocked.stdout).toContain('replay stopped: step 2: T2 cannot take a step: it is blocked on lock counter lock');
    const range = run('example', 'race-conditions/counter-race', '--schedule', '1', '--param', 'n=9');
    expect(range.status).toBe(2);
    expect(range.stderr).toContain('outside its range 1..3');
  });
});

describe('npm run explore', () => {
  it('prints the histogram and a failing schedule that replays to that outcome', () => {
    const r = run('explore', 'race-conditions/counter-race');
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toContain('schedules: 70');
    expect(r.stdout).toContain('outcomes: final total: 2 (32 schedules), 3 (32), 4 (6)');
    const m = /first failing schedule: ([\dM ]+?)  →  final total: (\d+)/.exec(r.stdout);
    expect(m).not.toBeNull();
    const replay = run('example', 'race-conditions/counter-race', '--schedule', m?.[1] ?? '');
    expect(replay.stdout).toContain(`total = ${m?.[2]} (expected 4)`);
  });

  it('takes --param within the step ranges and --bound', () => {
    const r = run('explore', 'deadlocks/opposite-order', '--param', 'barrier=0', '--bound', '1');
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toContain('at most 1 preemption');
    expect(r.stdout).toMatch(/deadlock \(\d+ schedules?\), finished \(\d+\)/);
    const bad = run('explore', 'deadlocks/opposite-order', '--param', 'n=3');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('step-mode parameter "n" cannot be set; these can: barrier (0..1)');
  });

  it('--compare N prints what N real runs showed next to what Explore found possible (values only within 2–4, counts adding up to N)', () => {
    const r = run('explore', 'race-conditions/counter-race', '--compare', '5');
    expect(r.status, r.stdout + r.stderr).toBe(0);
    const line = /^possible: 2–4; seen in 5 real runs: (.+?)  \(same params/m.exec(r.stdout);
    expect(line, r.stdout).not.toBeNull();
    const seen = [...(line?.[1] ?? '').matchAll(/(\d+) \((\d+)\)/g)].map((m) => ({ value: Number(m[1]), runs: Number(m[2]) }));
    for (const s of seen) expect([2, 3, 4]).toContain(s.value);
    expect(seen.reduce((a, s) => a + s.runs, 0)).toBe(5);
    expect(r.stdout).toMatch(/^  total\s+70\s+5$/m);
    expect(r.stdout).not.toContain('NOT FOUND BY EXPLORE');
  }, 120_000);
});
