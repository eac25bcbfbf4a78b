/**
 * Stack parsing (src/runtime/stack.ts), frame cleaning (frames.ts) and source-map mapping
 * (sourcemap.ts), fed with stacks captured from the three engines on the built site (and from
 * Node): fixtures/stacks/*.json say where and how each was captured; fixtures/stacks/modules/ holds
 * the compiled example modules (with their inline source maps) those stacks point into, as the build
 * wrote them that day. The TypeScript lines are read from those maps, so a later edit of an example
 * does not break these tests; a change of the compile output or of an engine's format calls for a
 * new capture (docs/runtime.md, "Stack frames in every engine").
 */
import { readFileSync } from 'node:fs';
import * as esbuild from 'esbuild';
import { sourceContentFor } from '@jridgewell/trace-mapping';
import { describe, expect, it } from 'vitest';
import { parseStack } from '../../../src/runtime/stack.ts';
import { exampleFrames, formatFrame, isRuntimeFrame, shortFile } from '../../../src/runtime/frames.ts';
import { inlineSourceMap, mapFrames, originalPosition } from '../../../src/runtime/sourcemap.ts';

const FIXTURES = new URL('./fixtures/stacks/', import.meta.url);

interface Capture {
  engine: string;
  origin: string;
  traceback: { example: string; stack: string };
  stepTraceback: { example: string; stack: string };
  steps: { example: string; stack: string }[];
  blobModule: { topLevelUrl: string; topLevel: string; inFunctionUrl: string; inFunction: string };
  missingModule: { name: string; message: string; stack: string | null };
}

const engines = ['chromium', 'firefox', 'webkit'] as const;
const capture = (name: string): Capture => JSON.parse(readFileSync(new URL(`${name}.json`, FIXTURES), 'utf8')) as Capture;
const moduleUrl = (c: Capture, id: string) => `${c.origin}/_interleave/examples/${id}.js`;
/** The compiled module a captured URL names (what the worker would fetch). */
const readModule = (c: Capture) => async (url: string) => {
  const prefix = `${c.origin}/_interleave/examples/`;
  if (!url.startsWith(prefix)) throw new Error(`not a fixture module: ${url}`);
  return readFileSync(new URL(`modules/${url.slice(prefix.length)}`, FIXTURES), 'utf8');
};
/** A line of the example's TypeScript as it was when the fixture module was built (its map's sourcesContent). */
const tsLine = (id: string, line: number): string => {
  const map = inlineSourceMap(readFileSync(new URL(`modules/${id}.js`, FIXTURES), 'utf8'));
  return (map ? sourceContentFor(map, `${id}.ts`) ?? '' : '').split('\n')[line - 1] ?? '';
};

describe.each(engines)('stacks captured in %s', (name) => {
  const c = capture(name);

  it('a traceback parses to frames with the example function at its compiled line', () => {
    const frames = parseStack(c.traceback.stack);
    const mine = frames.filter((f) => f.file === moduleUrl(c, 'challenges/overdraw'));
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ fn: 'customer', line: 28 });
    expect(mine[0]?.column).toBeGreaterThan(0);
    // Every frame the engine wrote with a position is kept; none is invented.
    expect(frames.length).toBeGreaterThanOrEqual(3);
    for (const f of frames) expect(c.traceback.stack).toContain(`${f.file}:${f.line}`);
  });

  it('maps through the inline source map to the same TypeScript frame as every other engine', async () => {
    for (const tb of [c.traceback, c.stepTraceback]) {
      const frames = await mapFrames(parseStack(tb.stack), readModule(c));
      const shown = exampleFrames(frames, moduleUrl(c, tb.example)).map(formatFrame);
      expect(shown).toEqual(['    at customer (challenges/overdraw.ts:48:5)']);
      expect(tsLine('challenges/overdraw', 48)).toMatch(/^\s+assert\(after >= 0/);
    }
  });

  it('a step point finds the example frame under the runtime frames, at the TypeScript line of its operation', async () => {
    const lines: Record<string, number[]> = {};
    for (const s of c.steps) {
      const url = moduleUrl(c, s.example);
      const frame = parseStack(s.stack).find((f) => f.file === url);
      expect(frame, s.stack).toBeDefined();
      const map = inlineSourceMap(await readModule(c)(url));
      expect(map).not.toBeNull();
      const pos = originalPosition(map!, frame!.line, frame!.column);
      expect(pos?.source).toBe(`${s.example}.ts`);
      (lines[s.example] ??= []).push(pos!.line);
    }
    // Captured in the order the steps came: start T1, T1's load, start T2, T1's store (counter-race,
    // T1 T2 T1 T2 chosen); start T1, T1's check, start T2, T1's sleep, T1's withdrawal (overdraw).
    // All three engines give these lines, although their columns differ (see docs/runtime.md).
    expect(lines).toEqual({ 'race-conditions/counter-race': [38, 26, 39, 26], 'challenges/overdraw': [59, 44, 60, 45, 47] });
    expect(tsLine('race-conditions/counter-race', 26)).toMatch(/total\.value \+= 1/);
    expect(tsLine('race-conditions/counter-race', 38)).toMatch(/t\.start\(\)/);
    expect(tsLine('challenges/overdraw', 44)).toMatch(/balance\.load\(\)/);
    expect(tsLine('challenges/overdraw', 47)).toMatch(/balance\.sub\(AMOUNT\)/);
  });

  it('reads top-level module code and functions of a blob: module (an edited example)', () => {
    const top = parseStack(c.blobModule.topLevel);
    expect(top[0]).toMatchObject({ fn: null, file: c.blobModule.topLevelUrl, line: 7 });
    const inner = parseStack(c.blobModule.inFunction);
    expect(inner[0]).toMatchObject({ fn: 'inner', file: c.blobModule.inFunctionUrl, line: 2 });
  });

  it('a module that does not load leaves no frame outside the runtime: boot reports it as an ImportError naming the URL', () => {
    expect(c.missingModule.name).toBe('TypeError');
    expect(parseStack(c.missingModule.stack).some((f) => !isRuntimeFrame(f.file))).toBe(false);
  });
});

describe('engine differences the fixtures show', () => {
  it('SpiderMonkey and JavaScriptCore write no message line; V8 starts with "Name: message"', () => {
    expect(capture('chromium').traceback.stack).toMatch(/^AssertionError: the balance went to -100/);
    expect(capture('firefox').traceback.stack).not.toMatch(/AssertionError/);
    expect(capture('webkit').traceback.stack).not.toMatch(/AssertionError/);
  });

  it('JavaScriptCore names top-level code "module code" and drops frames of tail calls; both read as V8 would', () => {
    const wk = capture('webkit');
    expect(wk.blobModule.topLevel).toMatch(/^module code@/);
    // `return [1].map(() => inner())`: outer and the arrow are tail calls, so JSC keeps no frame of them.
    expect(parseStack(wk.blobModule.inFunction).map((f) => f.fn)).toEqual(['inner']);
    expect(parseStack(capture('firefox').blobModule.inFunction).map((f) => f.fn).slice(0, 3)).toEqual(['inner', 'outer/<', 'outer']);
  });

  it('V8 async frames and SpiderMonkey async* marks are not part of the name', () => {
    const v8 = parseStack('Error: x\n    at async main (http://h/_interleave/examples/a/b.js:3:9)');
    const sm = parseStack('async*main@http://h/_interleave/examples/a/b.js:3:9\n');
    expect(v8).toEqual([{ fn: 'main', file: 'http://h/_interleave/examples/a/b.js', line: 3, column: 9 }]);
    expect(sm).toEqual(v8);
  });

  it('nothing to parse gives no frame', () => {
    expect(parseStack(undefined)).toEqual([]);
    expect(parseStack('')).toEqual([]);
    expect(parseStack(null)).toEqual([]);
  });
});

describe('Node (worker_threads with source maps enabled)', () => {
  const node = JSON.parse(readFileSync(new URL('node.json', FIXTURES), 'utf8')) as { traceback: { stack: string; exampleUrl: string } };

  it('frames already point at the TypeScript path; the traceback shortens it to the example id', () => {
    const shown = exampleFrames(parseStack(node.traceback.stack), node.traceback.exampleUrl).map(formatFrame);
    expect(shown).toEqual(['    at customer (challenges/overdraw.ts:48:5)']);
  });

  it('a stack of runtime frames only is shown whole rather than emptied', () => {
    const frames = parseStack(node.traceback.stack).filter((f) => isRuntimeFrame(f.file));
    expect(frames).toHaveLength(2);
    expect(exampleFrames(frames, node.traceback.exampleUrl).map((f) => f.fn)).toEqual(['assert', 'boot']);
  });

  it('shortFile strips the module directory as a URL and as a path, and nothing else', () => {
    expect(shortFile('http://h/_interleave/examples/challenges/overdraw.js', 'http://h/_interleave/examples/challenges/x.js')).toBe('overdraw.js');
    expect(shortFile('/tmp/i/challenges/overdraw.ts', 'file:///tmp/i/challenges__overdraw-1.mjs')).toBe('challenges/overdraw.ts');
    expect(shortFile('challenges/overdraw.ts', 'blob:http://h/1234')).toBe('challenges/overdraw.ts');
  });
});

describe('inline source maps (trace-mapping)', () => {
  it('the map of a compiled example carries its TypeScript source, and a column before the first mapping takes that mapping', async () => {
    const code = readFileSync(new URL('modules/race-conditions/counter-race.js', FIXTURES), 'utf8');
    const map = inlineSourceMap(code);
    expect(map).not.toBeNull();
    expect(sourceContentFor(map!, 'race-conditions/counter-race.ts')).toMatch(/export function increment\(total: SharedInt, n: number\): void \{/);
    // Compiled line 16 is "    total.value += 1;": column 1 is indentation, before the line's first mapping.
    expect(code.split('\n')[15]).toMatch(/^ {4}total\.value \+= 1;/);
    expect(originalPosition(map!, 16, 1)).toMatchObject({ source: 'race-conditions/counter-race.ts', line: 26 });
    expect(originalPosition(map!, 0, 1)).toBeNull();
    expect(originalPosition(map!, 100_000, 1)).toBeNull();
  });

  it('decodes sourcesContent as UTF-8 (a comment with an arrow survives)', async () => {
    const source = 'export const arrow = "→ é"; // π\n';
    const r = await esbuild.build({ stdin: { contents: source, sourcefile: 'utf8/arrow.ts', loader: 'ts' }, write: false, sourcemap: 'inline', sourcesContent: true, format: 'esm' });
    const map = inlineSourceMap(r.outputFiles[0]!.text);
    expect(sourceContentFor(map!, 'utf8/arrow.ts')).toBe(source);
  });

  it('a module without an inline map maps nothing, and its frames stay as they were', async () => {
    expect(inlineSourceMap('export const x = 1;\n')).toBeNull();
    const frames = [{ fn: 'f', file: 'http://h/_interleave/examples/plain.js', line: 3, column: 4 }];
    expect(await mapFrames(frames, async () => 'export const x = 1;\n')).toEqual(frames);
    expect(await mapFrames(frames.map((f) => ({ ...f, file: 'http://h/other.js' })), () => Promise.reject(new Error('404')))).toEqual(frames.map((f) => ({ ...f, file: 'http://h/other.js' })));
  });
});
