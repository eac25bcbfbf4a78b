/**
 * schema.org JSON-LD for search engines and course catalogues, typed with schema-dts:
 * - the home page is a `Course` whose `hasPart` lists the articles in reading order;
 * - each article is a `TechArticle` and a `LearningResource` (schema.org: LearningResource "is
 *   expected to be used as an addition to a primary type"), `isPartOf` that Course.
 * There is no `hasCourseInstance`: the course has no dates, sessions or teachers, it is self-paced
 * reading, and an instance would claim a schedule that does not exist. No `datePublished` either:
 * the site keeps no publication date, and `asOf` (the day its facts were checked) is `dateModified`.
 */
import type { Course, DefinedTerm, LearningResourceLeaf, MergeLeafTypes, TechArticleLeaf, Thing, WithContext } from 'schema-dts';
import { articlePath, type Article } from './articles';
import { isoDuration, proseWords, readingMinutes } from './reading-time';

export type ArticleLd = WithContext<MergeLeafTypes<[TechArticleLeaf, LearningResourceLeaf]>>;
export type CourseLd = WithContext<Course>;

export const COURSE_NAME = 'Interleave: concurrency you can run';
const PROVIDER = (site: URL) => ({ '@type': 'Organization', name: 'Interleave', url: new URL('/', site).href }) as const;
const courseId = (site: URL) => `${new URL('/', site).href}#course`;

/** The glossary's terms by anchor, from its `<dt id="term-…">Name</dt>` entries. */
export function glossaryTerms(glossary: Article | undefined): Map<string, string> {
  const terms = new Map<string, string>();
  for (const m of (glossary?.body ?? '').matchAll(/<dt id="(term-[a-z0-9-]+)">([^<]+)<\/dt>/g)) terms.set(m[1] ?? '', (m[2] ?? '').trim());
  return terms;
}

/** What an article is about: the glossary terms it links to, each a DefinedTerm of the glossary. */
function aboutOf(article: Article, terms: Map<string, string>, site: URL): DefinedTerm[] | Thing {
  const glossaryUrl = new URL('/articles/glossary/', site).href;
  const linked = [...new Set([...(article.body ?? '').matchAll(/\/articles\/glossary\/#(term-[a-z0-9-]+)/g)].map((m) => m[1] ?? ''))];
  const defined = linked.flatMap((id) => {
    const name = terms.get(id);
    return name === undefined ? [] : [{ '@type': 'DefinedTerm' as const, name, url: `${glossaryUrl}#${id}`, inDefinedTermSet: glossaryUrl }];
  });
  // The glossary links to itself once; it is about the subject as a whole.
  return defined.length > 1 ? defined : { '@type': 'Thing', name: 'Concurrent computing', sameAs: 'https://en.wikipedia.org/wiki/Concurrent_computing' };
}

export function articleLd(o: { article: Article; articles: readonly Article[]; site: URL; image: string }): ArticleLd {
  const { article, articles, site } = o;
  const url = new URL(articlePath(article), site).href;
  const words = proseWords(article.body ?? '');
  const asOf = article.data.asOf?.toISOString().slice(0, 10);
  return {
    '@context': 'https://schema.org',
    '@type': ['TechArticle', 'LearningResource'],
    '@id': `${url}#article`,
    url,
    name: article.data.title,
    headline: article.data.title,
    description: article.data.description,
    inLanguage: 'en',
    educationalLevel: article.data.level,
    learningResourceType: article.id === 'glossary' ? 'glossary' : 'article',
    timeRequired: isoDuration(readingMinutes(words)),
    wordCount: words,
    about: aboutOf(article, glossaryTerms(articles.find((a) => a.id === 'glossary')), site),
    ...(asOf ? { dateModified: asOf } : {}),
    image: new URL(o.image, site).href,
    isAccessibleForFree: true,
    publisher: PROVIDER(site),
    position: articles.findIndex((a) => a.id === article.id) + 1,
    isPartOf: { '@type': 'Course', '@id': courseId(site), name: COURSE_NAME, url: new URL('/', site).href },
  };
}

export function courseLd(o: { articles: readonly Article[]; site: URL; description: string; image: string }): CourseLd {
  const { articles, site } = o;
  const minutes = articles.reduce((sum, a) => sum + readingMinutes(proseWords(a.body ?? '')), 0);
  return {
    '@context': 'https://schema.org',
    '@type': 'Course',
    '@id': courseId(site),
    name: COURSE_NAME,
    description: o.description,
    url: new URL('/', site).href,
    inLanguage: 'en',
    image: new URL(o.image, site).href,
    provider: PROVIDER(site),
    isAccessibleForFree: true,
    educationalLevel: 'beginner to advanced',
    timeRequired: isoDuration(minutes),
    hasPart: articles.map((a, i) => ({
      '@type': 'LearningResource',
      '@id': `${new URL(articlePath(a), site).href}#article`,
      name: a.data.title,
      url: new URL(articlePath(a), site).href,
      position: i + 1,
    })),
  };
}

/** JSON for a `<script type="application/ld+json">`: "<" escaped, so no text can close the element. */
export function ldJson(data: ArticleLd | CourseLd): string {
  return JSON.stringify(data).replace(/</g, '\\u003c');
}
