/**
 * Stack frames in every engine, for tracebacks (boot.ts) and step positions (step.ts). No DOM, no
 * Node API: runs in workers and in Node.
 *
 * Engines write `Error.stack` in two formats (fixtures in test/unit/runtime/fixtures/stacks/, each
 * captured from the engine it names):
 *
 *   V8 (Chromium, Node)   "    at customer (http://…/challenges/overdraw.js:48:5)", "    at async main (…)",
 *                         "    at http://…/x.js:3:1" (no name); the first lines are "Name: message".
 *   SpiderMonkey (Gecko)  "customer@http://…/challenges/overdraw.js:48:5", "async*main@…", "@…" (no name)
 *   JavaScriptCore        "customer@http://…:48:5", "module code@…", "global code@…", bare "http://…:48:5",
 *                         "[native code]" lines, "asyncFunctionResume@[native code]"
 *
 * error-stack-parser (stacktrace.js) reads all three; this module only turns its StackFrames into
 * plain frames (frames.ts) and drops the ones without a script position. Kept apart from frames.ts
 * so that the page, which maps positions but never parses a stack, does not bundle the parser.
 */
import ErrorStackParserModule from 'error-stack-parser';
import type { Frame } from './frames.ts';

export type { Frame };

// The package is UMD, and its CommonJS branch sets `module.exports.default`: esbuild and Node hand a
// default import that whole object, while its types promise the parser itself. Accept both.
const ErrorStackParser = ((ErrorStackParserModule as unknown as { default?: typeof ErrorStackParserModule }).default ?? ErrorStackParserModule);

/** Names engines give to code outside any function: no name, as V8 prints it. */
const TOP_LEVEL = new Set(['module code', 'global code', 'eval code', '<anonymous>', 'anonymous']);

function cleanName(name: string | undefined): string | null {
  if (name === undefined) return null;
  // V8 "async main", SpiderMonkey "async*main": the async mark belongs to the frame, not the name.
  const n = name.replace(/^async[ *]/, '').trim();
  return n === '' || TOP_LEVEL.has(n) ? null : n;
}

/** The frames of an `Error.stack` string in any of the three formats, innermost first. */
export function parseStack(stack: string | undefined | null): Frame[] {
  if (typeof stack !== 'string' || stack === '') return [];
  let parsed: ReturnType<typeof ErrorStackParser.parse>;
  try {
    parsed = ErrorStackParser.parse({ name: '', message: '', stack });
  } catch {
    return [];
  }
  const frames: Frame[] = [];
  for (const f of parsed) {
    const file = f.fileName;
    const line = Number(f.lineNumber);
    if (file === undefined || file === '' || !(line > 0) || /^\[native code\]$|^native$/.test(file)) continue;
    const column = Number(f.columnNumber);
    frames.push({ fn: cleanName(f.functionName), file, line, column: column > 0 ? column : 0 });
  }
  return frames;
}
