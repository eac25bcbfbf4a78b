/**
 * Freshness of version statements. An article that names a Python or Go release ("Python 3.14",
 * "python3.14t", "3.13t", "Go 1.25", "go1.14") carries an `asOf` date in its frontmatter: the day its
 * version statements were last checked against the sources. `content/releases.json` lists the
 * releases and their dates. An article is stale when a release of a language it names came out after
 * its `asOf`: the page may describe as current what that release changed. Checked by
 * test/unit/content/freshness.test.ts; conventions in docs/writing-articles.md.
 *
 * Pure functions over strings, so the test can run them on doctored inputs and show they fail.
 */
import { z } from 'astro/zod';

export const LANGUAGES = ['python', 'go'] as const;
export type Language = (typeof LANGUAGES)[number];

const LABEL: Record<Language, string> = { python: 'Python', go: 'Go' };

const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD');
const isoMonth = z.string().regex(/^\d{4}-\d{2}$/, 'a month as YYYY-MM');

/** One feature release. `released` once it is out; `scheduled` (a month) while it is only planned. */
const releaseSchema = z
  .object({
    version: z.string().regex(/^\d+\.\d+$/),
    released: isoDay.optional(),
    scheduled: isoMonth.optional(),
    /** Where the date comes from: a release schedule PEP, go.dev/doc/devel/release, release notes. */
    source: z.url(),
  })
  .refine((r) => (r.released === undefined) !== (r.scheduled === undefined), {
    message: 'give exactly one of released (YYYY-MM-DD) or scheduled (YYYY-MM)',
  });

export const releaseTableSchema = z.object({
  $comment: z.string().optional(),
  python: z.array(releaseSchema),
  go: z.array(releaseSchema),
});

export type ReleaseTable = z.infer<typeof releaseTableSchema>;

/**
 * The spellings of a release that count as naming it. Deliberately narrow, so that other numbers
 * ("3.14 ns", "section 1.4") are not taken for versions: a Python version needs "Python", "CPython"
 * or "python" in front, or a free-threaded "t" behind; a Go version needs "Go " or "go" in front.
 */
const PATTERNS: Record<Language, RegExp[]> = {
  python: [/\b(?:C?Python|python)\s?(3\.\d{1,2})(?![\d])/g, /\b(3\.\d{1,2})t\b/g],
  go: [/\bGo\s(1\.\d{1,2})(?![\d])/g, /\bgo(1\.\d{1,2})(?![\d])/g],
};

/** The releases an article's text names, per language, as "3.14" / "1.25". */
export function namedReleases(text: string): Record<Language, Set<string>> {
  const out: Record<Language, Set<string>> = { python: new Set(), go: new Set() };
  for (const language of LANGUAGES) {
    for (const pattern of PATTERNS[language]) {
      for (const m of text.matchAll(pattern)) if (m[1]) out[language].add(m[1]);
    }
  }
  return out;
}

/** The `asOf` value of an MDX file's frontmatter, or undefined when there is none. */
export function frontmatterAsOf(source: string): string | undefined {
  const fm = /^---\n([\s\S]*?)\n---/.exec(source);
  const line = fm?.[1]?.split('\n').find((l) => /^asOf:/.test(l));
  return line?.replace(/^asOf:\s*/, '').replace(/^['"]|['"]$/g, '').trim();
}

export interface ArticleInput {
  /** For messages, e.g. "the-gil.mdx". */
  name: string;
  /** The whole MDX source, frontmatter included. */
  source: string;
}

/**
 * What is wrong with one article's version statements, as readable messages; empty when it is fresh.
 * - naming a release the table does not know (the table must list it, with its date);
 * - naming a release without an `asOf` date, or with a malformed one;
 * - an `asOf` older than a released version the page names (it cannot have been checked against it);
 * - an `asOf` older than the newest released version of a language the page names (a release came out
 *   since the page was checked).
 * Scheduled releases only need to be known: a page may say what is planned.
 */
export function freshnessProblems(article: ArticleInput, table: ReleaseTable): string[] {
  const problems: string[] = [];
  const named = namedReleases(article.source.replace(/^---\n[\s\S]*?\n---/, ''));
  const namesAny = LANGUAGES.some((l) => named[l].size > 0);
  if (!namesAny) return problems;

  const asOf = frontmatterAsOf(article.source);
  if (asOf === undefined) {
    const list = LANGUAGES.flatMap((l) => [...named[l]].map((v) => `${LABEL[l]} ${v}`)).join(', ');
    return [`${article.name}: names ${list} but has no asOf date in its frontmatter (asOf: YYYY-MM-DD)`];
  }
  if (!isoDay.safeParse(asOf).success) return [`${article.name}: asOf "${asOf}" is not a date as YYYY-MM-DD`];

  for (const language of LANGUAGES) {
    if (named[language].size === 0) continue;
    const known = new Map(table[language].map((r) => [r.version, r]));
    for (const version of named[language]) {
      const release = known.get(version);
      if (!release) {
        problems.push(`${article.name}: names ${LABEL[language]} ${version}, which content/releases.json does not list`);
      } else if (release.released !== undefined && release.released > asOf) {
        problems.push(
          `${article.name}: asOf ${asOf} is older than ${LABEL[language]} ${version} (released ${release.released}), which it names`,
        );
      }
    }
    const newest = table[language]
      .filter((r): r is typeof r & { released: string } => r.released !== undefined)
      .reduce<{ version: string; released: string } | undefined>(
        (best, r) => (best === undefined || r.released > best.released ? r : best),
        undefined,
      );
    if (newest && newest.released > asOf && !named[language].has(newest.version)) {
      problems.push(
        `${article.name}: ${LABEL[language]} ${newest.version} came out on ${newest.released}, after this page's asOf ${asOf}; ` +
          `re-check what it says about ${LABEL[language]} versions and raise asOf`,
      );
    }
  }
  return problems;
}
