/** Articles in reading order, and the paths the site gives them. */
import { getCollection, type CollectionEntry } from 'astro:content';

export type Article = CollectionEntry<'articles'>;

export async function articlesInOrder(): Promise<Article[]> {
  const all = await getCollection('articles');
  const sorted = all.sort((a, b) => a.data.order - b.data.order);
  for (let i = 1; i < sorted.length; i++) {
    const prev = sorted[i - 1];
    const cur = sorted[i];
    // Two articles with one order would make "next" depend on sort stability: refuse it.
    if (prev && cur && prev.data.order === cur.data.order) {
      throw new Error(`articles "${prev.id}" and "${cur.id}" both have order ${cur.data.order}`);
    }
  }
  return sorted;
}

export function articlePath(article: Article): string {
  return `/articles/${article.id}/`;
}
