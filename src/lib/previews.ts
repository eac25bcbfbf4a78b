/**
 * Link previews: what each page shows when its address is pasted into a chat, a forum or an LMS
 * (Open Graph and Twitter-card tags in BaseLayout, the image drawn by src/pages/og/[...image].png.ts).
 * One place maps a page to its image, so the tags and the images cannot disagree.
 *
 * Image per page: /og/home.png, /og/challenges.png, /og/instructors.png, /og/articles/<slug>.png,
 * /og/embed/<id>.png. An old example id's /embed/ copy uses its new id's image: one example, one picture.
 */
import type { Card, LanesFigure } from './og/cards.ts';
import { lanesOf } from './og/lanes.ts';
import { articlePath, type Article } from './articles';
import { challengeIds, exampleMeta, exampleRecording } from './examples';
import { formatNumber } from '../runtime/format-number.ts';

export interface PagePreview {
  /** og:title when it is not the page's title (an embed's <title> names its id; a card names what it does). */
  title?: string;
  /** The image's path on the site, e.g. "/og/articles/race-conditions.png". */
  image: string;
  /** og:image:alt: what the picture shows, in words. */
  alt: string;
  /** og:type. */
  type: 'website' | 'article';
  /** The image's content (built only when the image is rendered). */
  card(): Card;
}

/** The first `<Example id="…">` of an article: its key figure. */
export function firstExampleOf(article: Article): string | null {
  return /<Example\s[^>]*\bid="([^"]+)"/.exec(article.body ?? '')?.[1] ?? null;
}

function lanesFigure(id: string, caption: (wall: string) => string): LanesFigure {
  const rec = exampleRecording(id);
  return {
    caption: caption(`${formatNumber(rec.wallMs)} ms, ${rec.where}`),
    lanes: lanesOf(rec),
    verdict: rec.deadlock ? `Deadlock: ${rec.deadlock}` : rec.verdict || rec.message,
    verdictTone: rec.ok ? 'plain' : 'bad',
  };
}

function lanesInWords(id: string): string {
  const rec = exampleRecording(id);
  const lanes = lanesOf(rec);
  const who = lanes.every((l) => l.marks.length === 0) ? `its ${lanes.length} threads` : `who printed what, in order (${lanes.map((l) => l.name).join(', ')})`;
  return `a timeline of ${who} in a recorded run; ${rec.deadlock ? `deadlock: ${rec.deadlock}` : rec.verdict || rec.message}`;
}

export function examplePreview(id: string): PagePreview {
  const meta = exampleMeta(id);
  return {
    title: meta.title,
    image: `/og/embed/${id}.png`,
    alt: `${meta.title}: ${lanesInWords(id)}.`,
    type: 'website',
    card: () => ({
      kicker: `Runnable example · ${meta.needs === 'threads' ? 'threads, shared memory' : 'processes, messages only'}`,
      title: meta.title,
      subtitle: null,
      figure: { lanes: lanesFigure(id, (wall) => `Recorded run: ${wall}`) },
      footer: id,
    }),
  };
}

export function articlePreview(article: Article, articles: readonly Article[]): PagePreview {
  const n = articles.findIndex((a) => a.id === article.id) + 1;
  const first = firstExampleOf(article);
  const kicker = `Course, part ${n} of ${articles.length}`;
  return {
    image: `/og/articles/${article.id}.png`,
    alt: first
      ? `${article.data.title}. ${kicker}. Its first example, ${exampleMeta(first).title}: ${lanesInWords(first)}.`
      : `${article.data.title}. ${kicker}. ${article.data.description}`,
    type: 'article',
    card: () => ({
      kicker,
      title: article.data.title,
      subtitle: first ? null : article.data.description,
      figure: first
        ? { lanes: lanesFigure(first, (wall) => `Runs in your browser: ${exampleMeta(first).title} (recorded: ${wall})`) }
        : { list: { items: articles.map((a) => a.data.navTitle ?? a.data.title), numbered: true } },
      footer: articlePath(article),
    }),
  };
}

export const HOME_TITLE = 'Concurrency you can run';

export function homePreview(articles: readonly Article[]): PagePreview {
  return {
    image: '/og/home.png',
    alt: `${HOME_TITLE}: the course's ${articles.length} parts in order, from ${articles[0]?.data.title ?? ''} to ${articles.at(-1)?.data.title ?? ''}.`,
    type: 'website',
    card: () => ({
      kicker: 'A course with examples that run',
      title: HOME_TITLE,
      subtitle: 'Processes, threads, the GIL, locks and IPC, on real threads in your browser.',
      figure: { list: { items: articles.map((a) => a.data.navTitle ?? a.data.title), numbered: true } },
      footer: 'Free, in your browser, on your own cores',
    }),
  };
}

export function challengesPreview(): PagePreview {
  const titles = challengeIds().map((id) => exampleMeta(id).title);
  return {
    image: '/og/challenges.png',
    alt: `Challenges: be the scheduler. ${titles.length} puzzles, from ${titles[0] ?? ''} to ${titles.at(-1) ?? ''}.`,
    type: 'website',
    card: () => ({
      kicker: `${titles.length} puzzles on real threads`,
      title: 'Challenges: be the scheduler',
      subtitle: null,
      figure: { list: { items: titles, numbered: true } },
      footer: '/challenges/',
    }),
  };
}

/** The instructors' page's sections, in order (the page and its image list the same). */
export const INSTRUCTOR_TOPICS = [
  { id: 'links', title: 'Link a section, an example with parameters, a schedule' },
  { id: 'embed', title: 'Embed an example: iframe and oEmbed' },
  { id: 'lms', title: 'Moodle, Canvas, and which browsers run threads in a frame' },
  { id: 'printing', title: 'Printing' },
  { id: 'homework', title: 'Challenges as homework, with a verification code' },
] as const;

export function instructorsPreview(): PagePreview {
  return {
    image: '/og/instructors.png',
    alt: `For instructors: ${INSTRUCTOR_TOPICS.map((t) => t.title).join('; ')}.`,
    type: 'website',
    card: () => ({
      kicker: 'Teaching with Interleave',
      title: 'For instructors',
      subtitle: null,
      figure: { list: { items: INSTRUCTOR_TOPICS.map((t) => t.title), numbered: false } },
      footer: '/instructors/',
    }),
  };
}
