/** The built site as files, for the site tests. */
import { fileURLToPath } from 'node:url';
import { builtPages as pagesIn } from '../../scripts/lib/built-pages.mjs';

export const distDir = fileURLToPath(new URL('../../dist/', import.meta.url));

export const builtPages = () => pagesIn(distDir);

/** Values of one attribute across a page (the HTML is validated, so a regex is enough). */
export function attributeValues(html: string, attribute: string): string[] {
  const re = new RegExp(`\\s${attribute}="([^"]*)"`, 'g');
  return [...html.matchAll(re)].map((m) => (m[1] ?? '').replaceAll('&amp;', '&'));
}
