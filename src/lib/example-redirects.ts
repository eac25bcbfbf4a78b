/**
 * Old example ids (issue 13 moved every example into the folder of the article that introduces it).
 * content/redirects.json "examples" maps each old id to its new one; links made before the move
 * (/embed/<old-id>/, #ex-<old-id>, ?n=…#ex-<old-id>, `npm run example -- <old-id>`) keep working
 * through this one module. Plain data in, no Node APIs, so the CLI, the Astro build and tests share it.
 */
import { z } from 'astro/zod';

const examplesMap = z.record(z.string().regex(/^[a-z0-9-]+\/[a-z0-9-]+$/), z.string().regex(/^[a-z0-9-]+\/[a-z0-9-]+$/));

/** Validates the "examples" section of content/redirects.json (a malformed entry fails loudly). */
export function parseExampleRedirects(redirectsJson: unknown): Record<string, string> {
  const parsed = z.object({ examples: examplesMap.default({}) }).parse(redirectsJson);
  for (const [from, to] of Object.entries(parsed.examples)) {
    if (parsed.examples[to] !== undefined) throw new Error(`content/redirects.json: example "${from}" -> "${to}" points at another old id; point it at the final id`);
  }
  return parsed.examples;
}

/** The id an example has now: an old id maps to its new one, any other id is returned as is. */
export function currentExampleId(redirects: Record<string, string>, id: string): string {
  return redirects[id] ?? id;
}

/** The old ids that now lead to `id` (empty for an example that never moved). */
export function oldExampleIds(redirects: Record<string, string>, id: string): string[] {
  return Object.entries(redirects)
    .filter(([, to]) => to === id)
    .map(([from]) => from)
    .sort();
}
