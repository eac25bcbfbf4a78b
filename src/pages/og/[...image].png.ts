/**
 * /og/<page>.png: the link-preview image of every page that has one (src/lib/previews.ts), drawn
 * at build time from the page's own data and written to dist/ only (never committed). Unchanged
 * images come from the cache in .astro/interleave/og/ (src/lib/og/render.ts).
 */
import type { APIRoute, GetStaticPaths } from 'astro';
import { articlesInOrder } from '../../lib/articles';
import { exampleIds } from '../../lib/examples';
import { articlePreview, challengesPreview, examplePreview, homePreview, instructorsPreview, type PagePreview } from '../../lib/previews';
import { cardSvg } from '../../lib/og/cards.ts';
import { renderPng } from '../../lib/og/render.ts';

export const getStaticPaths = (async () => {
  const articles = await articlesInOrder();
  const previews: PagePreview[] = [
    homePreview(articles),
    challengesPreview(),
    instructorsPreview(),
    ...articles.map((a) => articlePreview(a, articles)),
    ...exampleIds().map(examplePreview),
  ];
  return previews.map((preview) => ({ params: { image: preview.image.replace(/^\/og\//, '').replace(/\.png$/, '') }, props: { preview } }));
}) satisfies GetStaticPaths;

export const GET: APIRoute<{ preview: PagePreview }> = ({ props }) => {
  const png = renderPng(cardSvg(props.preview.card()));
  return new Response(new Uint8Array(png), { headers: { 'Content-Type': 'image/png' } });
};
