import { describe, expect, it } from 'vitest';
import { runFixture, text } from './helpers.ts';

describe('processes and pools', () => {
  it('refuses shared objects as Process arguments, passes messages through a Pipe, pools keep order', async () => {
    const r = await runFixture('process-misc');
    expect(r.verdict.ok, `${r.verdict.message}\n${text(r)}`).toBe(true);
    expect(text(r)).toMatch(/refused: TypeError .*Use a ProcessQueue or a Pipe/);
    expect(text(r)).toContain('future: 144');
  });
});
