/**
 * Parameter kinds (number, named choice, boolean): the schema, links old and new, and the values
 * main receives.
 */
import { describe, expect, it } from 'vitest';
import { parseExampleMeta, resolveParams } from '../../../src/runtime/example-meta.ts';
import { exampleLink, paramsFromUrl } from '../../../src/islands/example/params.ts';

const meta = parseExampleMeta('t/params', {
  title: 't',
  summary: 's',
  expect: { kind: 'output', includes: ['x'] },
  params: {
    n: { default: 5, min: 1, max: 10, label: 'N' },
    mode: { kind: 'choice', label: 'Mode', default: 'gil', choices: [{ name: 'gil', label: 'GIL' }, { name: 'free-threaded', label: 'Free' }, { name: 'processes', label: 'Proc' }] },
    sequential: { kind: 'boolean', label: 'Sequential' },
  },
});
const anchor = 'ex-t-params';
const fromUrl = (query: string, hash = `#${anchor}`) => paramsFromUrl(new URL(`https://x.test/a/?${query}${hash}`), anchor, meta.params, resolveParams(meta));

describe('parameter kinds', () => {
  it('choices and booleans resolve to numbers with a range', () => {
    expect(meta.params['mode']).toMatchObject({ kind: 'choice', default: 0, min: 0, max: 2, step: 1 });
    expect(meta.params['sequential']).toMatchObject({ kind: 'boolean', default: 0, min: 0, max: 1 });
    expect(meta.params['n']).toMatchObject({ kind: 'number', default: 5, step: 1 });
    expect(resolveParams(meta, { mode: 7, sequential: 0.6, n: 99 })).toEqual({ n: 10, mode: 2, sequential: 1 });
  });

  it('refuses a default that is not a choice, and duplicate names', () => {
    const bad = (params: unknown) => () => parseExampleMeta('t/bad', { title: 't', summary: 's', expect: { kind: 'deadlock' }, params });
    expect(bad({ m: { kind: 'choice', label: 'M', default: 'c', choices: [{ name: 'a', label: 'A' }, { name: 'b', label: 'B' }] } })).toThrow(/default must be one of the choices/);
    expect(bad({ m: { kind: 'choice', label: 'M', default: 'a', choices: [{ name: 'a', label: 'A' }, { name: 'a', label: 'B' }] } })).toThrow(/differ/);
    expect(bad({ m: { default: 11, min: 0, max: 10, label: 'M' } })).toThrow(/within/);
  });

  it('links carry names, and old numeric links still map', () => {
    expect(fromUrl('mode=free-threaded&sequential=true')).toEqual({ n: 5, mode: 1, sequential: 1 });
    expect(fromUrl('mode=1&sequential=1')).toEqual({ n: 5, mode: 1, sequential: 1 });
    expect(fromUrl('mode=nonsense&n=3')).toEqual({ n: 3, mode: 0, sequential: 0 });
    expect(fromUrl('mode=2', '#other')).toEqual({ n: 5, mode: 0, sequential: 0 });
    const link = exampleLink({ origin: 'https://x.test', pathname: '/a/' }, anchor, meta.params, { n: 5, mode: 2, sequential: 1 });
    expect(link).toBe('https://x.test/a/?mode=processes&sequential=true#ex-t-params');
    expect(fromUrl(new URL(link).search.slice(1))).toEqual({ n: 5, mode: 2, sequential: 1 });
  });
});
