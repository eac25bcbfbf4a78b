/**
 * Maps positions in a compiled example back to its TypeScript lines, through the inline source map
 * every compiled example carries (esbuild `sourcemap: 'inline'`). Used in the browser worker
 * (tracebacks, host/browser-worker.ts) and on the page (step positions, host/step-text.ts); Node
 * maps its own stacks (`process.setSourceMapsEnabled(true)` in the Node entries). No DOM, no Node API.
 *
 * The decoding is @jridgewell/trace-mapping's (the source-map reader of Vite, Vitest and Babel),
 * which replaced a hand-written VLQ decoder here.
 */
import { GREATEST_LOWER_BOUND, LEAST_UPPER_BOUND, TraceMap, originalPositionFor } from '@jridgewell/trace-mapping';
import { isRuntimeFrame, type Frame } from './frames.ts';

export type SourceMap = TraceMap;

/** A source map from its JSON text or object (sources stay as written: "challenges/overdraw.ts"). */
export function parseSourceMap(json: string | object): SourceMap {
  return new TraceMap(json as ConstructorParameters<typeof TraceMap>[0]);
}

function base64Text(b64: string): string {
  const bin = atob(b64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  // The map's sourcesContent is UTF-8 (an example's comments may say "→"); atob alone gives Latin-1.
  return new TextDecoder().decode(bytes);
}

/** The inline map of a compiled module's text, or null. */
export function inlineSourceMap(code: string): SourceMap | null {
  const m = /\/\/# sourceMappingURL=data:application\/json;(?:charset=utf-8;)?base64,([A-Za-z0-9+/=]+)\s*$/.exec(code);
  if (m === null || m[1] === undefined) return null;
  try {
    return parseSourceMap(base64Text(m[1]));
  } catch {
    return null;
  }
}

/**
 * Original position of a generated position, both 1-based as engines report them (trace-mapping
 * takes 0-based columns). A column before the line's first mapping takes that first mapping: an
 * engine may point at the indentation before a statement.
 */
export function originalPosition(map: SourceMap, line: number, column: number): { source: string; line: number; column: number } | null {
  if (!(line > 0)) return null;
  const needle = { line, column: Math.max(0, column - 1) };
  let pos = originalPositionFor(map, { ...needle, bias: GREATEST_LOWER_BOUND });
  if (pos.source === null) pos = originalPositionFor(map, { ...needle, bias: LEAST_UPPER_BOUND });
  if (pos.source === null) return null;
  return { source: pos.source, line: pos.line, column: pos.column + 1 };
}

const maps = new Map<string, Promise<SourceMap | null>>();

/**
 * The frames with TypeScript positions, for every module that carries an inline source map (read
 * once per URL with `readText`); other frames as they were. The runtime's bundles are not read:
 * their frames are hidden anyway, and their maps are separate files.
 */
export async function mapFrames(frames: readonly Frame[], readText: (url: string) => Promise<string>): Promise<Frame[]> {
  const urls = new Set(frames.map((f) => f.file).filter((u) => /^(https?|blob|file):/.test(u) && !isRuntimeFrame(u)));
  for (const url of urls) if (!maps.has(url)) maps.set(url, readText(url).then(inlineSourceMap, () => null));
  const resolved = new Map<string, SourceMap | null>();
  for (const url of urls) resolved.set(url, (await maps.get(url)) ?? null);
  return frames.map((f) => {
    const map = resolved.get(f.file);
    const pos = map ? originalPosition(map, f.line, f.column) : null;
    return pos === null ? f : { ...f, file: pos.source, line: pos.line, column: pos.column };
  });
}
