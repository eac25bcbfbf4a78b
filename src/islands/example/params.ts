/**
 * Parameters in links: `?threads=4#ex-race-conditions-counter-race` opens the page with that value in
 * that example's controls. Only the example named by the hash takes them (its anchor, or an old
 * anchor from before the example moved: content/redirects.json "examples"), only declared
 * parameters are read, and values are clamped to their ranges. Nothing runs by itself.
 *
 * Choices travel by name (`?mode=free-threaded`) and booleans as `true`/`false`; links written
 * when they were plain numbers (`?mode=1`, `?sequential=1`) still open the same setting.
 */
import { formatParamValue, parseParamValue } from '../../runtime/param-values.ts';
import type { ParamSpec } from './types.ts';

export function clampParam(spec: ParamSpec, value: number): number {
  if (!Number.isFinite(value)) return spec.default;
  const stepped = Math.round((value - spec.min) / spec.step) * spec.step + spec.min;
  return Math.min(spec.max, Math.max(spec.min, stepped));
}

export function paramsFromUrl(
  url: URL,
  anchor: string,
  specs: Record<string, ParamSpec>,
  base: Record<string, number>,
  oldAnchors: readonly string[] = [],
): Record<string, number> {
  const named = url.hash.slice(1);
  if (named !== anchor && !oldAnchors.includes(named)) return base;
  const out = { ...base };
  for (const [name, spec] of Object.entries(specs)) {
    const raw = url.searchParams.get(name);
    const value = raw === null ? null : parseParamValue(spec, raw);
    if (value !== null) out[name] = clampParam(spec, value);
  }
  return out;
}

/** The query string of a link: current parameters that differ from the defaults, in people's words. */
export function paramsQuery(specs: Record<string, ParamSpec>, values: Record<string, number>): URLSearchParams {
  const search = new URLSearchParams();
  for (const [name, spec] of Object.entries(specs)) {
    const v = values[name];
    if (v !== undefined && v !== spec.default) search.set(name, formatParamValue(spec, v));
  }
  return search;
}

/** The link for course materials: current parameters that differ from the defaults, and the anchor. */
export function exampleLink(
  location: { origin: string; pathname: string },
  anchor: string,
  specs: Record<string, ParamSpec>,
  values: Record<string, number>,
): string {
  const query = paramsQuery(specs, values).toString();
  return `${location.origin}${location.pathname}${query ? `?${query}` : ''}#${anchor}`;
}
