/**
 * The cancellation article quotes what Run prints for its two examples and their switches: how many
 * searchers were cancelled, how many cleanups ran, how many threads were left running when the group
 * returned, how many replies beat the deadline. These run the examples on real workers in the Node host
 * and check those figures. Where a figure rests on a time margin (a 50 ms cleanup against a group that
 * returns at once; a 900 ms replica against a 1,000 ms deadline), the run is retried a few times, since
 * a loaded machine can only shrink the margin, and the figure must appear in one of the tries.
 */
import { describe, expect, it } from 'vitest';
import { liveWorkers, runExample, type ExampleRun } from '../../src/runtime/host/node-host.ts';

function counters(r: ExampleRun): Record<string, number> {
  return Object.fromEntries(r.result.counters.map((c) => [c.name, c.value]));
}

function line(r: ExampleRun, pattern: RegExp): RegExpMatchArray {
  const found = r.result.output.map((l) => l.text.match(pattern)).find((m) => m !== null);
  expect(found, `a line matching ${pattern} in:\n${r.result.output.map((l) => l.text).join('\n')}`).toBeTruthy();
  return found as RegExpMatchArray;
}

/** Runs until `ok` holds, at most `tries` times; returns the last run. */
async function until(id: string, params: Record<string, number>, ok: (r: ExampleRun) => boolean, tries = 3): Promise<ExampleRun> {
  let r = await runExample(id, { params });
  for (let i = 1; i < tries && !ok(r); i++) r = await runExample(id, { params });
  return r;
}

describe('structured-concurrency/first-answer in Run', () => {
  it('as shipped: the 3 others cancelled, 4 cleanups, nothing left running, and the group returns soon after the answer', async () => {
    const r = await runExample('structured-concurrency/first-answer');
    expect(r.verdict.ok, r.verdict.message).toBe(true);
    expect(counters(r)).toMatchObject({ cancelled: 3, cleanups: 4, 'left running': 0 });
    expect(r.result.threads.map((t) => t.state)).toEqual(['done', 'done', 'done', 'done', 'done']); // main and T1..T4: the telemetry lanes end done
  });

  it('without the join: all four threads are still running when the group returns, and the verdict fails', async () => {
    const r = await until('structured-concurrency/first-answer', { join: 0 }, (x) => counters(x)['left running'] === 4);
    expect(counters(r)['left running']).toBe(4);
    expect(counters(r).cleanups).toBe(4); // they still clean up, behind the caller's back
    expect(r.verdict.ok).toBe(false);
  });

  it('without the token checks: none cancelled, nothing left running, and the group returns several times later than with them', async () => {
    const ms = (x: ExampleRun) => Number(line(x, /^the group returned (\d+) ms after the answer/)[1]);
    const checked = await runExample('structured-concurrency/first-answer');
    const unchecked = await until('structured-concurrency/first-answer', { check: 0 }, (x) => ms(x) > 3 * ms(checked));
    expect(counters(unchecked)).toMatchObject({ cancelled: 0, cleanups: 4, 'left running': 0 });
    // The others search their whole part (40 steps of 10 ms) instead of stopping at the next step.
    expect(ms(unchecked)).toBeGreaterThan(3 * ms(checked));
  });
});

describe('structured-concurrency/deadline in Run', () => {
  it('a 200 ms deadline: the 30 and 60 ms replicas reply, the 500 and 900 ms ones are cancelled, nothing left running', async () => {
    const r = await runExample('structured-concurrency/deadline');
    expect(r.verdict.ok, r.verdict.message).toBe(true);
    expect(line(r, /^deadline 200 ms: (\d) of 4 replied in time/)[1]).toBe('2');
    expect(counters(r)).toMatchObject({ cancelled: 2, cleanups: 4, 'left running': 0 });
  });

  it('a 1,000 ms deadline: all four reply, none cancelled', async () => {
    const r = await until('structured-concurrency/deadline', { deadlineMs: 1000 }, (x) => counters(x).cancelled === 0);
    expect(r.verdict.ok, r.verdict.message).toBe(true);
    expect(line(r, /^deadline 1000 ms: (\d) of 4 replied in time/)[1]).toBe('4');
    expect(counters(r)).toMatchObject({ cancelled: 0, cleanups: 4, 'left running': 0 });
  });

  it('leaves no worker behind', () => {
    expect(liveWorkers()).toBe(0);
  });
});
