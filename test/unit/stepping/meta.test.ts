import { describe, expect, it } from 'vitest';
import { parseExampleMeta, resolveStepParams } from '../../../src/runtime/example-meta.ts';
import { formatHistogram } from '../../../src/runtime/host/explore.ts';

const base = {
  title: 't',
  summary: 's',
  params: { n: { default: 1_000_000, min: 1, max: 5_000_000, label: 'n' }, threads: { default: 2, min: 1, max: 8, label: 'threads' } },
  expect: { kind: 'lost-updates', counter: 'total' },
};

describe('meta.step', () => {
  it('step params override Run defaults, may add keys, and overrides must lie in a declared range', () => {
    const meta = parseExampleMeta('x/y', { ...base, step: { params: { n: 2, barrier: 0 }, ranges: { n: { min: 1, max: 3 } } } });
    expect(resolveStepParams(meta)).toEqual({ n: 2, threads: 2, barrier: 0 });
    expect(resolveStepParams(meta, { n: 3 })).toEqual({ n: 3, threads: 2, barrier: 0 });
    expect(() => resolveStepParams(meta, { n: 4 })).toThrow('step-mode parameter n=4 is outside its range 1..3');
    expect(() => resolveStepParams(meta, { threads: 3 })).toThrow('step-mode parameter "threads" cannot be set; these can: n (1..3)');
  });

  it('is validated like the rest of meta', () => {
    expect(() => parseExampleMeta('x/y', { ...base, step: { params: { n: 9 }, ranges: { n: { min: 1, max: 3 } } } })).toThrow(/step: each step param must lie within its range/);
    expect(() => parseExampleMeta('x/y', { ...base, step: { params: { n: 'two' } } })).toThrow(/step\.params\.n/);
    expect(parseExampleMeta('x/y', base).step).toBeUndefined();
  });
});

describe('explore histogram text', () => {
  it('reads like the issue: "final total: 2 (32 schedules), 3 (32), 4 (6)"', () => {
    const o = (label: string, count: number) => ({ label, count, ok: true, example: [] });
    expect(formatHistogram([o('final total: 2', 32), o('final total: 3', 32), o('final total: 4', 6)])).toBe('final total: 2 (32 schedules), 3 (32), 4 (6)');
    expect(formatHistogram([o('deadlock', 1), o('finished', 5)])).toBe('deadlock (1 schedule), finished (5)');
  });
});
