/**
 * Stack frames as the traceback shows them, whatever engine wrote them (stack.ts parses): which
 * frames are the runtime's own (hidden), the example's file relative to its directory, and one line
 * per frame. No DOM, no Node API.
 */

export interface Frame {
  /** Function name as the engine gives it, async marks removed; null for anonymous and top-level code. */
  fn: string | null;
  /** URL (or, in Node with source maps, path) of the script. */
  file: string;
  /** 1-based. */
  line: number;
  /** 1-based (all three engines count columns from 1 in `stack`; measured, see docs/runtime.md). */
  column: number;
}

/**
 * Frames of the runtime and of the platform, not of the example: the browser bundles
 * (/_interleave/runtime.js, worker.js), the Node bundles (runtime.mjs, node-worker.mjs,
 * node-child.mjs), the runtime's sources (a test importing src/runtime/ directly) and Node internals.
 */
export function isRuntimeFrame(file: string): boolean {
  return /[/\\]src[/\\]runtime[/\\]|\/_interleave\/(runtime|worker)\.js(?:[?#]|$)|[/\\](runtime|node-worker|node-child)\.mjs$|^node:|<anonymous>/.test(file);
}

/** The directory part of a module URL, as an href and as a decoded path (Node maps frames to paths). */
function directories(exampleUrl: string): string[] {
  try {
    const u = new URL(exampleUrl);
    const href = u.href.replace(/[^/]*$/, '');
    const path = decodeURIComponent(u.pathname.replace(/[^/]*$/, ''));
    return u.protocol === 'file:' ? [href, path] : [href];
  } catch {
    return [];
  }
}

/** A frame's file relative to the example's directory: "challenges/overdraw.ts", not a URL. */
export function shortFile(file: string, exampleUrl: string): string {
  for (const dir of directories(exampleUrl)) if (dir !== '' && dir !== '/' && file.startsWith(dir)) return file.slice(dir.length);
  return file;
}

/**
 * The frames a reader needs: the example's own (runtime and platform frames hidden), with short
 * file names. When every frame is the runtime's (the error came from inside it, with no example
 * frame left), all of them, so that a traceback is never empty while the engine gave frames.
 */
export function exampleFrames(frames: readonly Frame[], exampleUrl: string): Frame[] {
  const mine = frames.filter((f) => !isRuntimeFrame(f.file));
  return (mine.length > 0 ? mine : frames).map((f) => ({ ...f, file: shortFile(f.file, exampleUrl) }));
}

/** One traceback line, the same in every engine: "    at customer (challenges/overdraw.ts:48:5)". */
export function formatFrame(f: Frame): string {
  const where = f.column > 0 ? `${f.file}:${f.line}:${f.column}` : `${f.file}:${f.line}`;
  return f.fn === null ? `    at ${where}` : `    at ${f.fn} (${where})`;
}
