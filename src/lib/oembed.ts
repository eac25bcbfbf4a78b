/**
 * oEmbed (https://oembed.com/, version 1.0) for an LMS or a CMS that discovers embeds: every example
 * page (/embed/<id>/) and article links to a static JSON file, /oembed/<page path>.json, from a
 * `<link rel="alternate" type="application/json+oembed">` in its head. A static host cannot read
 * `?url=…&maxwidth=…`, so each page has its own file (discovery, oEmbed section 4), and the iframe it
 * returns is the example with its defaults; docs/sharing.md says how to carry parameters.
 *
 * - An example answers `type: "rich"`: an iframe of /embed/<id>/.
 * - An article answers `type: "link"` (title and thumbnail; the consumer links to the article): a
 *   whole article in a frame is a long page scrolling inside another, and embedding its first
 *   example instead would answer a question the instructor did not ask. The embed of each example
 *   is one click away, on the instructors' page and on the example's own page.
 */
import { OG_HEIGHT, OG_WIDTH } from './og/size.ts';

/** What the frame needs, and nothing more (docs/sharing.md, "Embed settings"). */
export const EMBED_SANDBOX = 'allow-scripts allow-same-origin allow-popups allow-popups-to-escape-sandbox';
/** cross-origin-isolated: delegates isolation where the course page is itself isolated; clipboard-write: Copy link. */
export const EMBED_ALLOW = 'cross-origin-isolated; clipboard-write';
/**
 * The frame's size: at 720 px wide, the counter example shows down to its Run button (at 715 px,
 * measured in Chromium); longer examples scroll inside the frame. In a cross-origin frame the runner
 * loads when it is actually on screen (IntersectionObserver ignores rootMargin there), so Run must be.
 */
export const EMBED_WIDTH = 720;
export const EMBED_HEIGHT = 760;

export const PROVIDER_NAME = 'Interleave';

export function embedIframe(o: { src: string; title: string; width?: number; height?: number }): string {
  const attr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
  return (
    `<iframe src="${attr(o.src)}" title="${attr(o.title)}" width="${o.width ?? EMBED_WIDTH}" height="${o.height ?? EMBED_HEIGHT}"` +
    ` allow="${EMBED_ALLOW}" sandbox="${EMBED_SANDBOX}" loading="lazy"></iframe>`
  );
}

/** /embed/race-conditions/counter-race/ → /oembed/embed/race-conditions/counter-race.json */
export function oembedPath(pagePath: string): string {
  return `/oembed${pagePath.replace(/\/$/, '')}.json`;
}

interface Common {
  version: '1.0';
  title: string;
  provider_name: string;
  provider_url: string;
  /** A day: the files change only with a deploy. */
  cache_age: number;
  thumbnail_url: string;
  thumbnail_width: number;
  thumbnail_height: number;
}
export interface OembedRich extends Common {
  type: 'rich';
  html: string;
  width: number;
  height: number;
}
export interface OembedLink extends Common {
  type: 'link';
}

function common(o: { title: string; image: string; site: URL }): Common {
  return {
    version: '1.0',
    title: o.title,
    provider_name: PROVIDER_NAME,
    provider_url: new URL('/', o.site).href,
    cache_age: 86400,
    thumbnail_url: new URL(o.image, o.site).href,
    thumbnail_width: OG_WIDTH,
    thumbnail_height: OG_HEIGHT,
  };
}

export function exampleOembed(o: { id: string; title: string; image: string; site: URL }): OembedRich {
  return {
    type: 'rich',
    ...common(o),
    html: embedIframe({ src: new URL(`/embed/${o.id}/`, o.site).href, title: `Runnable example: ${o.title}` }),
    width: EMBED_WIDTH,
    height: EMBED_HEIGHT,
  };
}

export function articleOembed(o: { title: string; image: string; site: URL }): OembedLink {
  return { type: 'link', ...common(o) };
}
