/**
 * Every Markdown table header cell has text: an empty corner cell leaves screen readers with a
 * nameless column header (axe's empty-table-header), so say what the first column holds.
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';

const dir = new URL('../../../content/articles/', import.meta.url);

describe('article tables', () => {
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.mdx'))) {
    it(`${file}: every header cell has text`, () => {
      const lines = readFileSync(new URL(file, dir), 'utf8').split('\n');
      const empty: string[] = [];
      lines.forEach((line, i) => {
        const header = lines[i - 1];
        if (!/^\|\s*:?-{3,}/.test(line) || header === undefined) return;
        const cells = header.trim().replace(/^\||\|$/g, '').split(/(?<!\\)\|/);
        if (cells.some((c) => c.trim() === '')) empty.push(`${file}:${i}: ${header}`);
      });
      expect(empty).toEqual([]);
    });
  }
});
