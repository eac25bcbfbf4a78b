/**
 * The displayed source of an example, with its `meta` export folded away: readers come for the
 * program, and every example opens with twenty lines of title, summary, parameters and
 * expectation. Split at build time into the code before `meta`, `meta` itself and the rest, so
 * the page folds it in a <details> with no script. The editor and the copy button still get the
 * whole file (the parts joined with "\n" are the file, byte for byte).
 */
export interface FoldedSource {
  before: string;
  /** The `export const meta = { … };` statement, or null if the file has none at top level. */
  meta: string | null;
  after: string;
  /** What the fold holds, for its summary: "title, summary, params, expect". */
  fields: string[];
}

export function foldMeta(source: string): FoldedSource {
  const lines = source.split('\n');
  const start = lines.findIndex((l) => /^export const meta\b/.test(l));
  // The statement ends at the first line that closes it at column 0: "};" (as every example writes it).
  const end = start < 0 ? -1 : lines.findIndex((l, i) => i > start && /^\}( satisfies [\w<>]+)?;?\s*$/.test(l));
  if (start < 0 || end < 0) return { before: source, meta: null, after: '', fields: [] };
  const metaLines = lines.slice(start, end + 1);
  // Top-level keys of the object literal: two-space indented "name:" lines.
  const fields = metaLines.map((l) => /^ {2}(\w+)\s*:/.exec(l)?.[1]).filter((f): f is string => f !== undefined);
  return {
    before: lines.slice(0, start).join('\n'),
    meta: metaLines.join('\n'),
    after: lines.slice(end + 1).join('\n'),
    fields,
  };
}
