/**
 * Every Python, Java, C++ and Go snippet under content/snippets/ (every topic, every author) is
 * built with its real toolchain and run, and its output is checked against its sidecar: exactly,
 * or by property for racy and timing programs (docs/snippets.md).
 *
 * Order: metadata first (no process needed); then all builds, in parallel, into a temp dir; then
 * the untimed runs, in parallel (one per core); then the timing-sensitive runs, one at a time, so
 * that no snippet of ours competes with another for the cores. A snippet without a sidecar is
 * still built and run (it must exit 0), and its metadata test fails saying what to add.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ensureToolchain } from '../../scripts/lib/toolchains.mjs';
import { checkOutput, listSnippets, outputLines, snippetsRoot, readSnippetMeta, showsPoint, type SnippetFile, type SnippetMeta } from '../../src/lib/snippets.ts';
import { coresForTwoThreads } from './core-probe.ts';
import { buildSnippet, explain, limiter, runProcess, type Built } from './harness.ts';

const snippets = listSnippets();

function jsonFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.json'))
    .map((f) => join(dir, f));
}

/** Sidecar metadata, or the error that explains why there is none. */
const metas = new Map<string, SnippetMeta | Error>();
for (const s of snippets) {
  try {
    metas.set(s.id, readSnippetMeta(s));
  } catch (e) {
    metas.set(s.id, e as Error);
  }
}
const metaOf = (s: SnippetFile): SnippetMeta | undefined => {
  const m = metas.get(s.id);
  return m instanceof Error ? undefined : m;
};

// A snippet without valid metadata is run once, alone, by its metadata test (to draft a sidecar).
const untimed = snippets.filter((s) => metaOf(s)?.timing === false);
const timed = snippets.filter((s) => metaOf(s)?.timing === true);

let workDir = '';
const builds = new Map<string, Promise<Built>>();

beforeAll(async () => {
  for (const language of new Set(snippets.map((s) => s.language))) ensureToolchain(language);
  workDir = mkdtempSync(join(tmpdir(), 'interleave-snippets-'));
  const limit = limiter();
  for (const s of snippets) builds.set(s.id, limit(() => buildSnippet(s, metaOf(s)?.args ?? [], workDir)));
  await Promise.all(builds.values());
}, 600_000);

afterAll(() => {
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

describe('snippet metadata', () => {
  test('there are snippets in every language', () => {
    expect(new Set(snippets.map((s) => s.language))).toEqual(new Set(['python', 'java', 'cpp', 'go']));
  });

  test('every sidecar belongs to a program, and no two programs share one', () => {
    const sidecars = snippets.map((s) => s.sidecar);
    const shared = sidecars.filter((f, i) => sidecars.indexOf(f) !== i);
    expect(shared, 'two programs with one base name in one folder (e.g. x.c and x.cpp)').toEqual([]);
    const orphans = jsonFiles(snippetsRoot()).filter((f) => !sidecars.includes(f));
    expect(orphans, 'sidecars without a program beside them (renamed or deleted?)').toEqual([]);
  });

  for (const s of snippets) {
    test(`${s.id} declares what it prints`, async () => {
      const m = metas.get(s.id);
      if (m instanceof Error) throw await withDraft(s, m);
      // A sample shown on the page must itself satisfy the property the page states.
      if (m?.expect.kind === 'property' && m.expect.sample) {
        const sample = checkOutput(m.expect, `${m.expect.sample.join('\n')}\n`);
        expect(sample.problems, `${s.id}: its \`sample\` contradicts its own property`).toEqual([]);
      }
    }, 90_000);
  }
});

/**
 * The error for a snippet whose sidecar is missing or invalid, plus a draft sidecar made from one
 * real run: exact output to start from (to be turned into a property if the output varies).
 */
async function withDraft(s: SnippetFile, error: Error): Promise<Error> {
  const built = await builds.get(s.id);
  if (!built?.run) return error;
  const r = await runProcess(built.run.cmd, built.run.args, { cwd: built.run.cwd, timeoutMs: 60_000 });
  if (r.code !== 0 || r.timedOut) return new Error(`${error.message}
It does not run cleanly either:
${explain(r)}`);
  const draft = { summary: 'What the program shows, in one sentence.', expect: { kind: 'exact', stdout: outputLines(r.stdout) } };
  return new Error(
    `${error.message}

Draft from one run (if its output varies from run to run, make it a property and set "timing": true):
` +
      `${JSON.stringify(draft, null, 2)}`,
  );
}

async function runAndCheck(s: SnippetFile): Promise<void> {
  const built = await builds.get(s.id);
  if (!built?.run) throw new Error(`${s.id} does not build:\n${built?.failure ? explain(built.failure) : 'no build'}`);
  const { cmd, args, cwd } = built.run;
  const meta = metaOf(s);
  if (!meta) throw new Error(`${s.id} has no valid metadata`);
  const attempts = meta.expect.kind === 'property' ? (meta.expect.shows?.attempts ?? 1) : 1;
  const seen: string[] = [];
  for (let attempt = 1; attempt <= attempts; attempt++) {
    const r = await runProcess(cmd, args, { cwd, timeoutMs: meta.timeoutMs });
    expect(r.code === 0 && !r.timedOut, `${s.id} must exit with 0:\n${explain(r)}`).toBe(true);
    const check = checkOutput(meta.expect, r.stdout);
    expect(check.problems, `${s.id}: output does not match its sidecar:\n${explain(r)}`).toEqual([]);
    seen.push(r.stdout.trim().split('\n').join(' | '));
    if (showsPoint(meta.expect, check.groups)) {
      if (attempts > 1) console.log(`${s.id}: showed its point in run ${attempt}: ${seen.at(-1)}`);
      return;
    }
  }
  const shows = meta.expect.kind === 'property' ? meta.expect.shows : undefined;
  const printed = `It printed:\n${seen.join('\n')}`;
  // A race between two threads needs the two on two cores at the same instant. If the machine cannot
  // give two threads two cores now (another process keeps one busy: core-probe.ts), it cannot show
  // the point: say so, and do not judge. On a machine that can, a demo that did not show it fails.
  if (shows?.needsTwoCores) {
    const cores = await coresForTwoThreads();
    if (cores < 1.7) {
      console.warn(`${s.id}: did not show its point in ${attempts} runs, but two threads get only ${cores.toFixed(2)} cores on this machine now: not judged. ${printed}`);
      return;
    }
    throw new Error(`${s.id} did not show its point in ${attempts} runs (${shows.says}), although two threads get ${cores.toFixed(2)} cores here now. ${printed}`);
  }
  throw new Error(`${s.id} did not show its point in ${attempts} runs (${shows?.says}). ${printed}`);
}

describe.concurrent('snippets run, in parallel', () => {
  const limit = limiter();
  for (const s of untimed) test(`${s.id} prints what its sidecar says`, () => limit(() => runAndCheck(s)), 120_000);
});

describe('timing-sensitive snippets run, one at a time', () => {
  for (const s of timed) {
    const meta = metaOf(s);
    const attempts = meta?.expect.kind === 'property' ? (meta.expect.shows?.attempts ?? 1) : 1;
    const timeout = (meta?.timeoutMs ?? 30_000) * attempts + 10_000;
    test(`${s.id} prints what its sidecar says`, () => runAndCheck(s), timeout);
  }
});
