/**
 * `npm run example -- <id> [--param value]`: the command a course can use to run and check any
 * example in Node. Black box: spawn it on the pinned Node, read its output and exit code.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

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
});
