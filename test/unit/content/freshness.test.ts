/**
 * Version statements stay fresh: every article that names a Python or Go release has an `asOf`
 * date no older than the newest release of that language in content/releases.json. The second half
 * runs the same check on doctored articles and tables, so the check is shown to fail when it should.
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { freshnessProblems, frontmatterAsOf, namedReleases, releaseTableSchema, type ReleaseTable } from '../../../src/lib/freshness.ts';

const dir = new URL('../../../content/articles/', import.meta.url);
const files = readdirSync(dir).filter((f) => f.endsWith('.mdx'));
const table = releaseTableSchema.parse(JSON.parse(readFileSync(new URL('../../../content/releases.json', import.meta.url), 'utf8')));

describe('content/releases.json', () => {
  it('lists each version once per language, oldest first', () => {
    for (const language of ['python', 'go'] as const) {
      const versions = table[language].map((r) => r.version);
      expect(new Set(versions).size).toBe(versions.length);
      const dates = table[language].map((r) => r.released ?? `${r.scheduled}-31`);
      expect(dates).toEqual([...dates].sort());
    }
  });
});

describe('article freshness', () => {
  for (const file of files) {
    it(`${file}: asOf is no older than the releases it names or the newest release of their language`, () => {
      expect(freshnessProblems({ name: file, source: readFileSync(new URL(file, dir), 'utf8') }, table)).toEqual([]);
    });
  }
});

describe('the freshness check fails on doctored input', () => {
  const doctoredTable: ReleaseTable = {
    python: [
      { version: '3.13', released: '2024-10-07', source: 'https://peps.python.org/pep-0719/' },
      { version: '3.14', released: '2025-10-07', source: 'https://peps.python.org/pep-0745/' },
      { version: '3.15', scheduled: '2026-10', source: 'https://peps.python.org/pep-0790/' },
    ],
    go: [{ version: '1.25', released: '2025-08-12', source: 'https://go.dev/doc/devel/release' }],
  };
  const page = (asOf: string | undefined, body: string) =>
    `---\ntitle: T\n${asOf === undefined ? '' : `asOf: ${asOf}\n`}---\n\n${body}\n`;

  it('reads the spellings that name a release, and not other numbers', () => {
    const named = namedReleases('Python 3.14, python3.13t, 3.15t, CPython 3.11.7, Go 1.25, go1.14; 3.14 ns, 1.4 GHz, Go 1');
    expect([...named.python].sort()).toEqual(['3.11', '3.13', '3.14', '3.15']);
    expect([...named.go].sort()).toEqual(['1.14', '1.25']);
  });

  it('reads asOf from the frontmatter, quoted or not', () => {
    expect(frontmatterAsOf(page('2026-11-27', 'x'))).toBe('2026-11-27');
    expect(frontmatterAsOf(page("'2026-11-27'", 'x'))).toBe('2026-11-27');
    expect(frontmatterAsOf(page(undefined, 'x'))).toBeUndefined();
  });

  it('passes a page checked after the newest release it names', () => {
    expect(freshnessProblems({ name: 'ok.mdx', source: page('2025-11-01', 'Python 3.14 and Go 1.25.') }, doctoredTable)).toEqual([]);
  });

  it('passes a page that names no release, with or without asOf', () => {
    expect(freshnessProblems({ name: 'none.mdx', source: page(undefined, 'Threads and locks.') }, doctoredTable)).toEqual([]);
  });

  it('fails a page whose asOf is older than a release it names', () => {
    const problems = freshnessProblems({ name: 'old.mdx', source: page('2025-06-01', 'As of now, Python 3.14 is current.') }, doctoredTable);
    expect(problems).toEqual(['old.mdx: asOf 2025-06-01 is older than Python 3.14 (released 2025-10-07), which it names']);
  });

  it('fails a page when a newer release of a language it names came out after its asOf', () => {
    const problems = freshnessProblems({ name: 'stale.mdx', source: page('2025-01-15', 'Python 3.13 is the newest release.') }, doctoredTable);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^stale\.mdx: Python 3\.14 came out on 2025-10-07, after this page's asOf 2025-01-15/);
  });

  it('fails when the table learns of a release: the same page, the table moved on', () => {
    const source = page('2025-11-01', 'Python 3.14 is the newest release.');
    expect(freshnessProblems({ name: 'p.mdx', source }, doctoredTable)).toEqual([]);
    const released: ReleaseTable = {
      ...doctoredTable,
      python: doctoredTable.python.map((r) => (r.version === '3.15' ? { version: '3.15', released: '2026-10-07', source: r.source } : r)),
    };
    expect(freshnessProblems({ name: 'p.mdx', source }, released)).toEqual([
      "p.mdx: Python 3.15 came out on 2026-10-07, after this page's asOf 2025-11-01; re-check what it says about Python versions and raise asOf",
    ]);
  });

  it('lets a page name a scheduled release (a plan), but not an unknown one', () => {
    expect(freshnessProblems({ name: 's.mdx', source: page('2025-11-01', 'Python 3.15 is scheduled.') }, doctoredTable)).toEqual([]);
    expect(freshnessProblems({ name: 'u.mdx', source: page('2025-11-01', 'Go 1.99 is out.') }, doctoredTable)).toEqual([
      'u.mdx: names Go 1.99, which content/releases.json does not list',
    ]);
  });

  it('fails a page that names a release but has no asOf, or a malformed one', () => {
    expect(freshnessProblems({ name: 'n.mdx', source: page(undefined, 'Go 1.25 lowered the default.') }, doctoredTable)).toEqual([
      'n.mdx: names Go 1.25 but has no asOf date in its frontmatter (asOf: YYYY-MM-DD)',
    ]);
    expect(freshnessProblems({ name: 'm.mdx', source: page('late 2026', 'Go 1.25.') }, doctoredTable)).toEqual([
      'm.mdx: asOf "late 2026" is not a date as YYYY-MM-DD',
    ]);
  });

  it('rejects a table entry that is both released and scheduled, or neither', () => {
    const both = { python: [{ version: '3.15', released: '2026-10-07', scheduled: '2026-10', source: 'https://x.org/' }], go: [] };
    const neither = { python: [{ version: '3.15', source: 'https://x.org/' }], go: [] };
    expect(releaseTableSchema.safeParse(both).success).toBe(false);
    expect(releaseTableSchema.safeParse(neither).success).toBe(false);
  });
});
