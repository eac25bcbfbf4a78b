/**
 * /oembed/<page path>.json: the oEmbed answer of each example page and article (src/lib/oembed.ts),
 * found through the discovery link in the page's head. Static files, so every host serves them as
 * application/json by their extension.
 */
import type { APIRoute, GetStaticPaths } from 'astro';
import { articlesInOrder, articlePath } from '../../lib/articles';
import { exampleIds, exampleMeta } from '../../lib/examples';
import { articlePreview, examplePreview } from '../../lib/previews';
import { articleOembed, exampleOembed, oembedPath, type OembedLink, type OembedRich } from '../../lib/oembed';

type Answer = (site: URL) => OembedRich | OembedLink;

export const getStaticPaths = (async () => {
  const articles = await articlesInOrder();
  const entries: { path: string; answer: Answer }[] = [
    ...exampleIds().map((id) => ({
      path: `/embed/${id}/`,
      answer: (site: URL) => exampleOembed({ id, title: exampleMeta(id).title, image: examplePreview(id).image, site }),
    })),
    ...articles.map((a) => ({
      path: articlePath(a),
      answer: (site: URL) => articleOembed({ title: a.data.title, image: articlePreview(a, articles).image, site }),
    })),
  ];
  return entries.map((e) => ({ params: { page: oembedPath(e.path).replace(/^\/oembed\//, '').replace(/\.json$/, '') }, props: { answer: e.answer } }));
}) satisfies GetStaticPaths;

export const GET: APIRoute<{ answer: Answer }> = ({ props, site }) => {
  if (!site) throw new Error('oEmbed answers need absolute URLs: astro.config.mjs sets `site`');
  return new Response(`${JSON.stringify(props.answer(site), null, 2)}\n`, { headers: { 'Content-Type': 'application/json' } });
};
