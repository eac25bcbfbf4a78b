/**
 * The example folders follow the course (issue 13): content/examples/<article-slug>/<name>.ts, so the
 * examples of one article are in one folder, named like its URL and like content/snippets/<lang>/.
 * Two folders are not articles: gil-lab/ (the GIL lab's model, drawn by its own islands) and
 * challenges/ (step-mode puzzles). An example embedded by several articles lives with the one that
 * introduces it; the others may embed it from there.
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';

const root = new URL('../../../content/', import.meta.url);
const articlesDir = new URL('articles/', root);
const examplesDir = new URL('examples/', root);
const NOT_ARTICLES = new Set(['gil-lab', 'challenges']);

const slugs = readdirSync(articlesDir)
  .filter((f) => f.endsWith('.mdx'))
  .map((f) => f.slice(0, -4));
const bodies = new Map(slugs.map((s) => [s, readFileSync(new URL(`${s}.mdx`, articlesDir), 'utf8')]));
const folders = readdirSync(examplesDir).filter((f) => statSync(new URL(f, examplesDir)).isDirectory());

describe('content/examples/', () => {
  it('has one folder per article that runs examples, plus gil-lab/ and challenges/, and nothing else', () => {
    const strays = folders.filter((f) => !slugs.includes(f) && !NOT_ARTICLES.has(f));
    expect(strays, 'folders that are neither an article slug nor gil-lab/challenges').toEqual([]);
    // Every article that embeds an example has its folder (the glossary runs nothing).
    const embedding = slugs.filter((s) => /<Example id="(?!gil-lab\/)/.test(bodies.get(s) ?? ''));
    expect(embedding.filter((s) => !folders.includes(s))).toEqual([]);
  });

  for (const folder of folders.filter((f) => slugs.includes(f))) {
    it(`${folder}/: every example is one that the ${folder} article embeds`, () => {
      const ids = readdirSync(new URL(`${folder}/`, examplesDir))
        .filter((f) => f.endsWith('.ts'))
        .map((f) => `${folder}/${f.slice(0, -3)}`);
      expect(ids.length).toBeGreaterThan(0);
      const notHere = ids.filter((id) => !(bodies.get(folder) ?? '').includes(`id="${id}"`));
      expect(notHere, `examples in ${folder}/ that the article does not embed: move them to the article that introduces them`).toEqual([]);
    });
  }
});
