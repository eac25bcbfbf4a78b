/**
 * docs/seed-coverage.md maps OSTEP's concurrency chapters (26-33) to the course's sections. Every
 * `article#anchor` in that table must be a public anchor (content/anchors.json), so a renamed or
 * removed section breaks this test, not the map; and every chapter has a row.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const doc = readFileSync(new URL('../../../docs/seed-coverage.md', import.meta.url), 'utf8');
const anchors = new Set<string>((JSON.parse(readFileSync(new URL('../../../content/anchors.json', import.meta.url), 'utf8')) as { anchors: string[] }).anchors);
const start = doc.indexOf('## OSTEP chapters 26–33');
const section = doc.slice(start, doc.indexOf('\n## ', start + 1));

describe('docs/seed-coverage.md: OSTEP chapters 26-33', () => {
  it('has one row per chapter, each pointing at sections', () => {
    expect(start).toBeGreaterThan(-1);
    const rows = [...section.matchAll(/^\| (\d+) \|.*$/gm)];
    expect(rows.map((r) => Number(r[1]))).toEqual([26, 27, 28, 29, 30, 31, 32, 33]);
    for (const row of rows) expect(row[0], `chapter ${row[1]}`).toMatch(/`[a-z-]+#[a-z0-9-]+`/);
  });

  it('names only anchors that exist', () => {
    const refs = [...section.matchAll(/`([a-z-]+)#([a-z0-9-]+)`/g)].map((m) => `/articles/${m[1]}/#${m[2]}`);
    expect(refs.length).toBeGreaterThan(40);
    expect(refs.filter((r) => !anchors.has(r))).toEqual([]);
  });
});
