/** Which code a thread's column shows in step mode: the function around its next operation. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { functionAround } from '../../../src/islands/example/step-source.ts';

const source = readFileSync(join(import.meta.dirname, '../../../content/examples/race-conditions/counter-race.ts'), 'utf8');
const lines = source.split('\n');

describe('functionAround', () => {
  it('shows the whole thread target around the marked line', () => {
    const at = lines.findIndex((l) => /^\s+total\.value \+= 1/.test(l)) + 1;
    const w = functionAround(source, at);
    expect(w.mark).toBe(at);
    expect(w.lines[0]).toMatch(/^export function increment/);
    expect(w.lines.at(-1)).toBe('}');
    expect(w.lines[at - w.first]).toContain('total.value += 1');
  });

  it('shows nothing without a location, and a few lines when no declaration encloses it', () => {
    expect(functionAround(source, null).lines).toEqual([]);
    const w = functionAround('a;\nb;\nc;\nd;\ne;', 3);
    expect(w.lines.length).toBeGreaterThan(0);
    expect(w.lines).toContain('c;');
  });
});
