/**
 * Which part of the example's source a thread's column shows: the top-level function around the
 * line of its next operation (its target, or main), so each column reads like the Deadlock
 * Empire's: that thread's code, its next line marked. Pure string work, tested in Node.
 */
export interface SourceWindow {
  /** 1-based number of the first line shown. */
  first: number;
  lines: string[];
  /** 1-based line to highlight (the pending operation's), or null. */
  mark: number | null;
}

/**
 * The top-level declaration that contains `line` (1-based): from its first line (a line that
 * starts at column 0 with `function`, `export`, `const`, `class`, `async`) to the `}` that closes
 * it at column 0. Falls back to a few lines around `line`.
 */
export function functionAround(source: string, line: number | null, fallbackName?: string): SourceWindow {
  const lines = source.split('\n');
  let at = line;
  if (at === null && fallbackName) {
    // Before a thread's first step (or when locations are off): show its target by name.
    const i = lines.findIndex((l) => new RegExp(`^(export )?(async )?function\\*? ${fallbackName}\\b`).test(l));
    if (i >= 0) at = i + 1;
  }
  if (at === null || at < 1 || at > lines.length) return { first: 1, lines: [], mark: null };
  const isStart = (l: string) => /^(export |async |function|const |let |class )/.test(l);
  let start = at - 1;
  while (start > 0 && !isStart(lines[start] ?? '')) start--;
  let end = at - 1;
  while (end < lines.length - 1 && !/^\}/.test(lines[end] ?? '')) end++;
  if (!isStart(lines[start] ?? '') || end - start > 60) {
    start = Math.max(0, at - 4);
    end = Math.min(lines.length - 1, at + 3);
  }
  return { first: start + 1, lines: lines.slice(start, end + 1), mark: line };
}
