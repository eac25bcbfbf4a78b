/**
 * Line breaking for the preview images: SVG text does not wrap, so titles are broken into lines
 * here, by measured width. Pure (the measuring function is passed in), so it is tested without fonts.
 */

/** Greedy word wrap; a single word wider than the line stays whole on its own line. */
export function wrapWords(text: string, maxWidth: number, measure: (s: string) => number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const candidate = line ? `${line} ${word}` : word;
    if (line && measure(candidate) > maxWidth) {
      lines.push(line);
      line = word;
    } else {
      line = candidate;
    }
  }
  if (line) lines.push(line);
  return lines;
}

export interface Fitted {
  size: number;
  lines: string[];
}

/**
 * The largest of `sizes` at which `text` fits in `maxLines` lines of `maxWidth`; at the smallest
 * size, the lines beyond `maxLines` are cut and the last one ends in "…" (never wider than the line).
 */
export function fitText(
  text: string,
  o: { sizes: readonly number[]; maxWidth: number; maxLines: number; measure: (s: string, size: number) => number },
): Fitted {
  const sizes = [...o.sizes].sort((a, b) => b - a);
  const smallest = sizes.at(-1);
  if (smallest === undefined) throw new Error('fitText: no sizes');
  for (const size of sizes) {
    const m = (s: string) => o.measure(s, size);
    const lines = wrapWords(text, o.maxWidth, m);
    if (lines.length <= o.maxLines && lines.every((l) => m(l) <= o.maxWidth)) return { size, lines };
  }
  const m = (s: string) => o.measure(s, smallest);
  const lines = wrapWords(text, o.maxWidth, m).slice(0, o.maxLines);
  const last = lines.length - 1;
  let cut = lines[last] ?? '';
  while (cut.length > 1 && m(`${cut}…`) > o.maxWidth) cut = cut.slice(0, -1).trimEnd();
  lines[last] = `${cut}…`;
  return { size: smallest, lines };
}
