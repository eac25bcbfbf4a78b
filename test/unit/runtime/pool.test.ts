/** ThreadPool: arguments that are shared handles reach the task as the same shared memory. */
import { describe, expect, it } from 'vitest';
import { counterValue, runFixture, text } from './helpers';

describe('ThreadPool', () => {
  it('passes a SharedInt to tasks by reference: their writes land in the one counter', async () => {
    const run = await runFixture('pool-shared-args');
    expect(run.result.reason, text(run)).toBe('finished');
    expect(counterValue(run, 'total')).toBe(40_000);
    expect(text(run)).toContain('tasks returned 10000,10000,10000,10000');
  });
});
