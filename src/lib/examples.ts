/**
 * Build-time access to the runnable examples: compiled URLs, validated metadata, source and the
 * output recorded in Node (written by scripts/build-examples.ts before pages render).
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import type { InterleaveManifest } from '../build/compile-examples.ts';
import type { ExampleProps, ParamSpec, RecordedRun } from '../islands/example/types.ts';
import { oldExampleIds, parseExampleRedirects } from './example-redirects.ts';
import { describeParam, parseParamValue } from '../runtime/param-values.ts';
import { resolveStepParams } from '../runtime/example-meta.ts';

/** One recording as scripts/build-examples.ts writes it: what the page shows, and what the preview image draws. */
export interface Recording extends RecordedRun {
  hash: string;
  lanes: { name: string; kind: string; startMs: number | null; endMs: number | null; state: string; waitingFor: string | null }[];
  counters: { name: string; value: number; expected: number | null }[];
  deadlock: string | null;
  processes: { name: string; exitCode: number | null }[];
}

interface ExamplesData {
  manifest: InterleaveManifest;
  recorded: Record<string, Recording>;
  wasmUrl: string;
}

// Paths from the project root: this module is bundled into the prerender chunks, where
// import.meta.url no longer points into src/. Astro always runs from the project root.
const projectRoot = pathToFileURL(`${process.cwd()}/`);
const dataUrl = new URL('.astro/interleave/examples.json', projectRoot);
const examplesDir = new URL('content/examples/', projectRoot);
const redirectsUrl = new URL('content/redirects.json', projectRoot);
let data: ExamplesData | undefined;
let redirects: Record<string, string> | undefined;

/** content/redirects.json "examples": old id → new id. */
export function exampleRedirects(): Record<string, string> {
  redirects ??= parseExampleRedirects(JSON.parse(readFileSync(redirectsUrl, 'utf8')));
  return redirects;
}

/** Element ids the example answered to before it moved ("ex-locks-counter-race"): kept on the page. */
export function oldExampleAnchors(id: string): string[] {
  return oldExampleIds(exampleRedirects(), id).map(exampleAnchor);
}

function load(): ExamplesData {
  data ??= JSON.parse(readFileSync(dataUrl, 'utf8')) as ExamplesData;
  return data;
}

/** The element id of an example on its page: "race-conditions/counter-race" → "ex-race-conditions-counter-race". */
export function exampleAnchor(id: string): string {
  return `ex-${id.replaceAll('/', '-')}`;
}

export function exampleIds(): string[] {
  return Object.keys(load().manifest.examples).sort();
}

/**
 * Everything the page needs for one example. `overrides` are parameter values set in MDX
 * (`<Example id="…" threads={4} />`); an unknown parameter or a value out of range fails the build.
 */
export function exampleProps(
  id: string,
  overrides: Record<string, unknown>,
  options: { embed: boolean; canonicalPath: string },
): ExampleProps {
  const { manifest, recorded, wasmUrl } = load();
  const ex = manifest.examples[id];
  if (!ex) throw new Error(`<Example id="${id}">: no such example. Known: ${Object.keys(manifest.examples).join(', ')}`);
  const rec = recorded[id];
  if (!rec) throw new Error(`<Example id="${id}">: no recorded output (scripts/build-examples.ts did not run?)`);
  const params: Record<string, ParamSpec> = ex.meta.params;
  const initial: Record<string, number> = {};
  for (const [name, spec] of Object.entries(params)) initial[name] = spec.default;
  for (const [name, value] of Object.entries(overrides)) {
    const spec = params[name];
    if (!spec) throw new Error(`<Example id="${id}">: unknown parameter "${name}" (declared: ${Object.keys(params).join(', ') || 'none'})`);
    // A choice may be given by name (mode="free-threaded"), a boolean as {true}; numbers as before.
    const n = typeof value === 'number' ? value : typeof value === 'boolean' ? Number(value) : typeof value === 'string' ? parseParamValue(spec, value) : null;
    if (n === null || !Number.isFinite(n) || n < spec.min || n > spec.max) {
      throw new Error(`<Example id="${id}">: ${name}={${String(value)}} must be ${describeParam(spec)}`);
    }
    initial[name] = n;
  }
  return {
    id,
    anchor: exampleAnchor(id),
    oldAnchors: oldExampleAnchors(id),
    title: ex.meta.title,
    needs: ex.meta.needs,
    timeLimitMs: ex.meta.timeLimitMs,
    params,
    initial,
    expect: ex.meta.expect,
    step: ex.meta.step && ex.meta.needs === 'threads'
      ? { params: resolveStepParams(ex.meta), ranges: ex.meta.step.ranges, expect: ex.meta.step.expect ?? ex.meta.expect }
      : null,
    exercise: ex.meta.exercise ?? null,
    challenge: ex.meta.challenge && ex.meta.step && ex.meta.needs === 'threads' ? ex.meta.challenge : null,
    moduleUrl: ex.url,
    runtimeUrl: manifest.runtimeUrl,
    workerUrl: manifest.workerUrl,
    wasmUrl,
    source: readFileSync(new URL(ex.source, examplesDir), 'utf8'),
    recorded: { lines: rec.lines, ok: rec.ok, verdict: rec.verdict, message: rec.message, wallMs: rec.wallMs, where: rec.where },
    embed: options.embed,
    canonicalPath: options.canonicalPath,
  };
}

/** The challenges (content/examples/challenges/), in their page order (meta.challenge.order). */
export function challengeIds(): string[] {
  const { examples } = load().manifest;
  return Object.keys(examples)
    .filter((id) => examples[id]?.meta.challenge !== undefined)
    .sort((a, b) => (examples[a]?.meta.challenge?.order ?? 0) - (examples[b]?.meta.challenge?.order ?? 0));
}

/** The recorded run of an example, with its threads' spans (for the link-preview image). */
export function exampleRecording(id: string): Recording {
  const rec = load().recorded[id];
  if (!rec) throw new Error(`no recorded run for example ${id} (scripts/build-examples.ts did not run?)`);
  return rec;
}

/** The example's metadata (title, needs, params, ...). */
export function exampleMeta(id: string): InterleaveManifest['examples'][string]['meta'] {
  const ex = load().manifest.examples[id];
  if (!ex) throw new Error(`no such example: ${id}`);
  return ex.meta;
}

export function exampleSummary(id: string): string {
  const ex = load().manifest.examples[id];
  if (!ex) throw new Error(`no such example: ${id}`);
  return ex.meta.summary;
}
