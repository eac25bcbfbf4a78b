/**
 * Every h2–h4 in every article carries an explicit id in the source (`## Title {#id}`),
 * lowercase-kebab and unique within its page. The build also refuses a heading without one;
 * this test says which line to fix without building.
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';

const dir = new URL('../../../content/articles/', import.meta.url);
const files = readdirSync(dir).filter((f) => f.endsWith('.mdx'));

function headings(source: string): { line: number; text: string }[] {
  let inFence = false;
  const out: { line: number; text: string }[] = [];
  source.split('\n').forEach((text, i) => {
    if (/^\s*(```|~~~)/.test(text)) inFence = !inFence;
    else if (!inFence && /^#{1,6}\s/.test(text)) out.push({ line: i + 1, text });
  });
  return out;
}

describe('article heading ids', () => {
  it('there are articles', () => {
    expect(files.length).toBeGreaterThan(0);
  });
  for (const file of files) {
    it(`${file}: every heading is h2–h4 with an explicit, unique id`, () => {
      const problems: string[] = [];
      const seen = new Set<string>();
      for (const h of headings(readFileSync(new URL(file, dir), 'utf8'))) {
        const m = /^(#{2,4})\s+.+\s\{#([a-z0-9]+(?:-[a-z0-9]+)*)\}\s*$/.exec(h.text);
        if (!m) {
          problems.push(`${file}:${h.line}: "${h.text}" needs to be h2–h4 ending in {#lowercase-kebab-id}`);
          continue;
        }
        const id = m[2] ?? '';
        if (seen.has(id)) problems.push(`${file}:${h.line}: id "${id}" is used twice`);
        seen.add(id);
      }
      expect(problems).toEqual([]);
    });
  }
});
