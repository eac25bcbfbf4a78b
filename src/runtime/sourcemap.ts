/**
 * Maps stack frames of a compiled example back to its TypeScript lines, in the browser (Node does
 * this itself with --enable-source-maps). The example carries an inline source map (esbuild
 * `sourcemap: 'inline'`); this decodes its VLQ mappings (Source Map v3). No DOM: runs in workers.
 */

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const B64_INDEX = new Map([...B64].map((c, i) => [c, i]));

interface Segment {
  col: number;
  source: number;
  line: number;
  srcCol: number;
}

export interface SourceMap {
  sources: string[];
  /** Per generated line (0-based), its segments sorted by column. */
  lines: Segment[][];
}

function decodeVlq(s: string): number[] {
  const out: number[] = [];
  let value = 0;
  let shift = 0;
  for (const ch of s) {
    const d = B64_INDEX.get(ch);
    if (d === undefined) continue;
    value += (d & 31) << shift;
    if (d & 32) {
      shift += 5;
    } else {
      out.push(value & 1 ? -(value >>> 1) : value >>> 1);
      value = 0;
      shift = 0;
    }
  }
  return out;
}

export function parseSourceMap(json: { sources?: string[]; mappings?: string }): SourceMap {
  const lines: Segment[][] = [];
  let source = 0;
  let line = 0;
  let srcCol = 0;
  for (const group of (json.mappings ?? '').split(';')) {
    let col = 0;
    const segs: Segment[] = [];
    for (const seg of group.split(',')) {
      if (seg === '') continue;
      const v = decodeVlq(seg);
      col += v[0] ?? 0;
      if (v.length >= 4) {
        source += v[1] ?? 0;
        line += v[2] ?? 0;
        srcCol += v[3] ?? 0;
        segs.push({ col, source, line, srcCol });
      }
    }
    lines.push(segs);
  }
  return { sources: json.sources ?? [], lines };
}

/** The inline map of a compiled module's text, or null. */
export function inlineSourceMap(code: string): SourceMap | null {
  const m = /\/\/# sourceMappingURL=data:application\/json;(?:charset=utf-8;)?base64,([A-Za-z0-9+/=]+)\s*$/.exec(code);
  if (m === null || m[1] === undefined) return null;
  try {
    return parseSourceMap(JSON.parse(atob(m[1])) as { sources?: string[]; mappings?: string });
  } catch {
    return null;
  }
}

/** Original position of a generated 1-based line and column. */
export function originalPosition(map: SourceMap, line: number, column: number): { source: string; line: number; column: number } | null {
  const segs = map.lines[line - 1];
  if (segs === undefined || segs.length === 0) return null;
  let best: Segment | undefined;
  for (const s of segs) {
    if (s.col <= column - 1) best = s;
    else break;
  }
  best ??= segs[0];
  if (best === undefined) return null;
  return { source: map.sources[best.source] ?? '?', line: best.line + 1, column: best.srcCol + 1 };
}

const maps = new Map<string, Promise<SourceMap | null>>();

/** Rewrites "url:line:col" in a stack to "source.ts:line:col" for modules that carry a source map. */
export async function mapStack(stack: string, fetchText: (url: string) => Promise<string>): Promise<string> {
  const re = /((?:https?|blob|file):[^\s()]+?):(\d+):(\d+)/g;
  const urls = new Set<string>();
  for (const m of stack.matchAll(re)) if (m[1] !== undefined && !/\/_interleave\/(runtime|worker)\.js$/.test(m[1])) urls.add(m[1]);
  for (const url of urls) {
    if (!maps.has(url)) maps.set(url, fetchText(url).then(inlineSourceMap, () => null));
  }
  const resolved = new Map<string, SourceMap | null>();
  for (const url of urls) resolved.set(url, (await maps.get(url)) ?? null);
  return stack.replace(re, (all, url: string, l: string, c: string) => {
    const map = resolved.get(url);
    const pos = map ? originalPosition(map, Number(l), Number(c)) : null;
    return pos ? `${pos.source}:${pos.line}:${pos.column}` : all;
  });
}
