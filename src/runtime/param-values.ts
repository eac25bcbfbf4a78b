/**
 * Parameter values in people's words, for links and the CLI. Kept apart from example-meta.ts so the
 * page's island can use it without bundling zod.
 */
import type { ResolvedParam } from './example-meta.ts';

/**
 * Reads a parameter value as people write it (a link's `?mode=…`, the CLI's `--mode …`): a choice's
 * name or its index, `true`/`false`/`on`/`off` or 1/0 for booleans, a number otherwise.
 * Returns null for something that names nothing (the caller keeps the default or reports it).
 */
export function parseParamValue(spec: ResolvedParam, raw: string): number | null {
  const text = raw.trim().toLowerCase();
  if (text === '') return null;
  if (spec.kind === 'choice') {
    const i = spec.choices.findIndex((c) => c.name === text);
    if (i >= 0) return i;
  }
  if (spec.kind === 'boolean') {
    if (text === 'true' || text === 'on' || text === 'yes') return 1;
    if (text === 'false' || text === 'off' || text === 'no') return 0;
  }
  const n = Number(text);
  return Number.isFinite(n) ? n : null;
}

/** A value as links and the CLI write it: a choice's name, `true`/`false`, or the number. */
export function formatParamValue(spec: ResolvedParam, value: number): string {
  if (spec.kind === 'choice') return spec.choices[value]?.name ?? String(value);
  if (spec.kind === 'boolean') return value ? 'true' : 'false';
  return String(value);
}

/** What a parameter accepts, for error messages: "one of gil, free-threaded, processes". */
export function describeParam(spec: ResolvedParam): string {
  if (spec.kind === 'choice') return `one of ${spec.choices.map((c) => c.name).join(', ')}`;
  if (spec.kind === 'boolean') return 'true or false';
  return `a number in [${spec.min}, ${spec.max}]`;
}
