/**
 * How long an article takes to read, for schema.org `timeRequired`: its prose words (code blocks,
 * imports, JSX tags and heading ids left out) at 200 words a minute, rounded up to 5 minutes.
 * Brysbaert's meta-analysis of reading rates (Journal of Memory and Language 109, 2019) puts silent
 * reading of English non-fiction at about 238 words a minute; text that asks the reader to study
 * code and figures goes slower, hence 200. Running the examples is not counted.
 */

export const WORDS_PER_MINUTE = 200;

export function proseWords(mdx: string): number {
  const prose = mdx
    .replace(/^---\n[\s\S]*?\n---\n/, '')
    .replace(/```[\s\S]*?```/g, ' ')
    .replace(/^(?:import|export)\s.*$/gm, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/\{#[^}]*\}/g, ' ');
  return prose.match(/[\p{L}\p{N}][\p{L}\p{N}'’.-]*/gu)?.length ?? 0;
}

export function readingMinutes(words: number): number {
  return Math.max(5, Math.ceil(words / WORDS_PER_MINUTE / 5) * 5);
}

/** ISO 8601 duration: 95 → "PT1H35M", 40 → "PT40M". */
export function isoDuration(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return `PT${h ? `${h}H` : ''}${m || !h ? `${m}M` : ''}`;
}
