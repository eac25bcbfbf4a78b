/**
 * schema.org JSON-LD on the built site: every block parses; the home page is a Course whose hasPart
 * is the articles in reading order; every article is a TechArticle and LearningResource with the
 * properties course catalogues read (educationalLevel, timeRequired as an ISO 8601 duration, about,
 * dateModified equal to its "last checked" date, inLanguage, url, isPartOf the Course); and every
 * property of every node is one schema.org defines for the node's types (schema-vocabulary.ts).
 */
import { describe, expect, it } from 'vitest';
import { builtPages } from './pages';
import { schemaVocabulary, unknownProperties } from './schema-vocabulary';

type Node = Record<string, unknown>;
const pages = builtPages();
const vocabulary = schemaVocabulary();

function blocks(html: string): Node[] {
  return [...html.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)].map((m) => JSON.parse(m[1] ?? '') as Node);
}
const typesOf = (n: Node) => (Array.isArray(n['@type']) ? (n['@type'] as string[]) : [String(n['@type'])]);
const canonicalOf = (html: string) => /<link rel="canonical" href="([^"]+)"/.exec(html)?.[1] ?? '';
const articles = pages.filter((p) => /^\/articles\/[^/]+\/$/.test(p.url) && !/http-equiv="refresh"/.test(p.html));
const home = pages.find((p) => p.url === '/');

describe('JSON-LD', () => {
  it('the vocabulary is read, and the check refuses what schema.org does not define', () => {
    expect(vocabulary.get('Course')?.has('hasCourseInstance')).toBe(true);
    expect(vocabulary.get('LearningResource')?.has('educationalLevel')).toBe(true);
    expect(vocabulary.get('TechArticle')?.has('wordCount')).toBe(true);
    expect(unknownProperties({ '@type': 'Course', name: 'x', courseDifficulty: 'hard' }, vocabulary)).toEqual(['$.courseDifficulty: not a property of Course']);
    expect(unknownProperties({ '@type': 'Lesson' }, vocabulary)).toEqual(['$: no type Lesson in schema.org']);
  });

  it('every block on every page parses and uses only schema.org properties', () => {
    const problems: string[] = [];
    let count = 0;
    for (const p of pages) {
      for (const b of blocks(p.html)) {
        count++;
        if (b['@context'] !== 'https://schema.org') problems.push(`${p.url}: @context ${String(b['@context'])}`);
        problems.push(...unknownProperties(b, vocabulary).map((x) => `${p.url}: ${x}`));
      }
    }
    expect(problems).toEqual([]);
    expect(count).toBe(articles.length + 1);
  });

  it('the home page is the Course, its parts the articles in reading order', () => {
    const [course, ...rest] = blocks(home?.html ?? '');
    expect(rest).toEqual([]);
    expect(course?.['@type']).toBe('Course');
    for (const k of ['name', 'description', 'url', 'inLanguage']) expect(typeof course?.[k], k).toBe('string');
    expect((course?.['provider'] as Node)['@type']).toBe('Organization');
    expect(course).not.toHaveProperty('hasCourseInstance');
    // The order readers see: the home page's course list.
    const listed = [...(home?.html ?? '').matchAll(/<ol class="article-list">([\s\S]*?)<\/ol>/g)][0]?.[1] ?? '';
    const order = [...listed.matchAll(/href="([^"]+)"/g)].map((m) => new URL(m[1] ?? '', String(course?.['url'])).href);
    const parts = course?.['hasPart'] as Node[];
    expect(parts.map((p) => p['url'])).toEqual(order);
    expect(parts.map((p) => p['position'])).toEqual(order.map((_, i) => i + 1));
    expect(parts.length).toBe(articles.length);
  });

  for (const page of articles) {
    it(`${page.url} is a TechArticle and LearningResource of the Course`, () => {
      const [ld, ...rest] = blocks(page.html);
      expect(rest).toEqual([]);
      expect(ld).toBeDefined();
      const a = ld as Node;
      expect(typesOf(a)).toEqual(['TechArticle', 'LearningResource']);
      expect(a['url']).toBe(canonicalOf(page.html));
      expect(a['inLanguage']).toBe('en');
      expect(['beginner', 'intermediate', 'advanced']).toContain(a['educationalLevel']);
      expect(String(a['timeRequired'])).toMatch(/^PT(?:[1-9]\d*H)?(?:\d+M)?$/);
      expect(a['wordCount']).toBeGreaterThan(500);
      const about = Array.isArray(a['about']) ? (a['about'] as Node[]) : [a['about'] as Node];
      expect(about.length).toBeGreaterThan(0);
      expect(about.every((t) => typeof t['name'] === 'string' && t['name'] !== '')).toBe(true);
      // dateModified is the page's own "last checked" date, where it has one.
      const shown = /<p class="as-of">[\s\S]*?<time datetime="([\d-]+)"/.exec(page.html)?.[1];
      expect(a['dateModified']).toBe(shown);
      const course = blocks(home?.html ?? '')[0];
      expect((a['isPartOf'] as Node)['@id']).toBe(course?.['@id']);
      expect((course?.['hasPart'] as Node[]).some((p) => p['@id'] === a['@id'])).toBe(true);
    });
  }
});
