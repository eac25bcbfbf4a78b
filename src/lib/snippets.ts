/**
 * Reference snippets: real Python, Java, C++ and Go programs under `content/snippets/<language>/`,
 * each with a JSON sidecar that says how to run it and what the article may claim it prints.
 * Used at build time by <Snippet> and <CodeTabs>, and by test/snippets, which runs every snippet and
 * checks its output with `checkOutput` below. Conventions: docs/snippets.md.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { z } from 'astro/zod';

/** Language directories under content/snippets/, with the source extensions each may hold. */
export const SNIPPET_LANGUAGES = {
  python: { label: 'Python', extensions: ['.py'] },
  java: { label: 'Java', extensions: ['.java'] },
  // C programs live beside C++ ones (the article tab says "C++" either way); built with gcc.
  cpp: { label: 'C++', extensions: ['.cpp', '.c'] },
  go: { label: 'Go', extensions: ['.go'] },
} as const;

export type SnippetLanguage = keyof typeof SNIPPET_LANGUAGES;

const COMPARATORS = ['<', '<=', '==', '!=', '>=', '>'] as const;
type Comparator = (typeof COMPARATORS)[number];

const regexSource = z.string().refine(
  (s) => {
    try {
      new RegExp(s);
      return true;
    } catch {
      return false;
    }
  },
  { message: 'not a valid JavaScript regular expression' },
);

/** `["got", "<=", "expected"]` or `["got", "==", 2000000]`: named groups (numbers) and literals. */
const comparisonSchema = z.tuple([z.string().regex(/^[A-Za-z_]\w*$/), z.enum(COMPARATORS), z.union([z.number(), z.string().regex(/^[A-Za-z_]\w*$/)])]);
export type Comparison = z.output<typeof comparisonSchema>;

const exactSchema = z
  .object({
    kind: z.literal('exact'),
    /** Every line the program prints to stdout, in order, e.g. ["expected 2000000, got 2000000 (lost 0)"]. */
    stdout: z.array(z.string()).min(1),
  })
  .strict();

const propertySchema = z
  .object({
    kind: z.literal('property'),
    /** What the article may claim, in words; shown under the code. E.g. "The total is at most 2,000,000." */
    says: z.string().min(1),
    /** Regexes for every line of stdout, in order; the output has exactly this many lines. */
    lines: z.array(regexSource).min(1).optional(),
    /** A regex for the last line of stdout only (other lines are not checked). */
    lastLine: regexSource.optional(),
    /** Comparisons over the named groups of the regexes, read as numbers; every run must satisfy all. Default: none. */
    where: z.array(comparisonSchema).default([]),
    /**
     * The point of a demo, e.g. that updates are lost: comparisons that must hold in at least one of
     * `attempts` runs. A demo that cannot show its point in a few runs is a bug.
     */
    shows: z
      .object({
        where: z.array(comparisonSchema).min(1),
        /** Runs allowed before giving up. Default: 3. */
        attempts: z.number().int().min(1).max(10).default(3),
        /** The point in words, e.g. "Updates are lost: the total is below 2,000,000." */
        says: z.string().min(1),
        /**
         * A hardware race between two threads: the point shows only while both run on two cores at
         * once. When no run showed it, the test measures what two spinning threads get on the
         * machine now (test/snippets/core-probe.ts); below 1.7 cores the machine is too busy to
         * show it and the point is not judged. On a machine that gives them two cores, a miss fails.
         */
        needsTwoCores: z.literal(true).optional(),
      })
      .strict()
      .optional(),
    /** What one real run printed, shown as such under the code. It must satisfy `lines`/`lastLine` and `where`. */
    sample: z.array(z.string()).min(1).optional(),
  })
  .strict()
  .superRefine((p, ctx) => {
    if ((p.lines === undefined) === (p.lastLine === undefined)) {
      ctx.addIssue({ code: 'custom', message: 'give exactly one of `lines` (every line) or `lastLine`' });
      return;
    }
    const groups = new Set<string>();
    for (const source of p.lines ?? [p.lastLine ?? '']) {
      for (const m of source.matchAll(/\(\?<([A-Za-z_]\w*)>/g)) if (m[1]) groups.add(m[1]);
    }
    for (const [left, , right] of [...p.where, ...(p.shows?.where ?? [])]) {
      for (const name of [left, right]) {
        if (typeof name === 'string' && !groups.has(name)) {
          ctx.addIssue({ code: 'custom', message: `comparison names "${name}", but no regex has a group (?<${name}>…)` });
        }
      }
    }
  });

export const snippetMetaSchema = z
  .object({
    /** What the program shows, in one sentence. */
    summary: z.string().min(1),
    /** Command-line arguments for the run. Default: none. */
    args: z.array(z.string()).default([]),
    /** The run is killed (and fails) after this long. Default: 30000 ms. */
    timeoutMs: z.number().int().positive().max(120_000).default(30_000),
    /** Timing-sensitive (races, measurements): runs alone, never beside another snippet. Default: false. */
    timing: z.boolean().default(false),
    /** What a run prints: exactly (`exact`), or a property of it (`property`) for racy or timing output. */
    expect: z.discriminatedUnion('kind', [exactSchema, propertySchema]),
  })
  .strict();

/** What a sidecar author writes (defaults may be left out). */
export type SnippetMetaInput = z.input<typeof snippetMetaSchema>;
export type SnippetMeta = z.output<typeof snippetMetaSchema>;
export type SnippetExpectation = SnippetMeta['expect'];

export interface SnippetFile {
  /** Path under content/snippets/, with "/" separators: "python/race-conditions/counter_locked.py". */
  id: string;
  language: SnippetLanguage;
  /** Shiki language name. */
  lang: 'python' | 'java' | 'cpp' | 'c' | 'go';
  /** Absolute path of the source. */
  file: string;
  /** Absolute path of the sidecar (which may not exist). */
  sidecar: string;
}

export interface Snippet extends SnippetFile {
  source: string;
  meta: SnippetMeta;
}

/**
 * The snippets root. From the working directory, not import.meta.url: this module is bundled into
 * Astro's prerender chunks, and Astro and Vitest both run from the project root.
 * INTERLEAVE_SNIPPETS_DIR overrides it (to check a draft tree of snippets without touching the repo).
 */
export function snippetsRoot(): string {
  return process.env['INTERLEAVE_SNIPPETS_DIR'] ?? join(process.cwd(), 'content', 'snippets');
}

/** "counter.py" → "counter.json": the sidecar sits beside its source, same base name. */
export function sidecarPath(file: string): string {
  return file.replace(/\.[^./]+$/, '.json');
}

function describeFile(root: string, file: string): SnippetFile | undefined {
  const id = relative(root, file).split(sep).join('/');
  const language = id.split('/')[0];
  if (!language || !(language in SNIPPET_LANGUAGES)) return undefined;
  const lang = language as SnippetLanguage;
  const ext = file.slice(file.lastIndexOf('.'));
  if (!(SNIPPET_LANGUAGES[lang].extensions as readonly string[]).includes(ext)) return undefined;
  const shiki = lang === 'cpp' && ext === '.c' ? 'c' : lang;
  return { id, language: lang, lang: shiki, file, sidecar: sidecarPath(file) };
}

/** Every snippet source under the root, sorted by id. Sidecars, READMEs and other files are skipped. */
export function listSnippets(root = snippetsRoot()): SnippetFile[] {
  const out: SnippetFile[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else {
        const s = describeFile(root, path);
        if (s) out.push(s);
      }
    }
  };
  if (existsSync(root)) walk(root);
  return out.sort((a, b) => a.id.localeCompare(b.id));
}

/** Reads and validates one snippet's sidecar, with an error that names the file and each bad field. */
export function readSnippetMeta(s: SnippetFile): SnippetMeta {
  const rel = relative(process.cwd(), s.sidecar);
  if (!existsSync(s.sidecar)) {
    throw new Error(
      `Snippet ${s.id} has no metadata. Add ${rel} saying what it prints, either exactly or as a property ` +
        `(see docs/snippets.md).`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(s.sidecar, 'utf8'));
  } catch (e) {
    throw new Error(`${rel} is not valid JSON: ${(e as Error).message}`);
  }
  const r = snippetMetaSchema.safeParse(json);
  if (!r.success) {
    const issues = r.error.issues.map((i) => `  - ${i.path.join('.') || '(root)'}: ${i.message}`).join('\n');
    throw new Error(`${rel} is invalid:\n${issues}`);
  }
  return r.data;
}

/** One snippet by id ("go/race-conditions/counter_mutex.go"), source and validated metadata. */
export function loadSnippet(id: string): Snippet {
  const root = snippetsRoot();
  const s = describeFile(root, join(root, ...id.split('/')));
  if (!s || !existsSync(s.file)) {
    const known = listSnippets(root).map((k) => k.id);
    throw new Error(`Snippet "${id}" not found under content/snippets/. Known: ${known.join(', ')}`);
  }
  return { ...s, source: readFileSync(s.file, 'utf8'), meta: readSnippetMeta(s) };
}

/** stdout as lines, without the final newline's empty line; CRLF tolerated. */
export function outputLines(stdout: string): string[] {
  const lines = stdout.replace(/\r\n/g, '\n').split('\n');
  if (lines.at(-1) === '') lines.pop();
  return lines;
}

function compare(a: number, op: Comparator, b: number): boolean {
  switch (op) {
    case '<':
      return a < b;
    case '<=':
      return a <= b;
    case '==':
      return a === b;
    case '!=':
      return a !== b;
    case '>=':
      return a >= b;
    case '>':
      return a > b;
  }
}

/** Evaluates comparisons over captured groups; returns the ones that fail, in words. */
function failedComparisons(where: readonly Comparison[], groups: Readonly<Record<string, string>>): string[] {
  const value = (x: string | number): number => (typeof x === 'number' ? x : Number(groups[x]?.replaceAll(',', '') ?? NaN));
  const failed: string[] = [];
  for (const [left, op, right] of where) {
    const a = value(left);
    const b = value(right);
    if (Number.isNaN(a) || Number.isNaN(b) || !compare(a, op, b)) {
      failed.push(`${left} ${op} ${right} (${left} = ${a}${typeof right === 'string' ? `, ${right} = ${b}` : ''})`);
    }
  }
  return failed;
}

export interface OutputCheck {
  ok: boolean;
  /** Why not, one line each. */
  problems: string[];
  /** Named groups captured from the output (property expectations), for reports. */
  groups: Record<string, string>;
}

/**
 * Checks a run's stdout against a snippet's expectation: every line for `exact`; the regexes and
 * `where` comparisons for `property`. `shows` is not checked here (it needs several runs: see
 * `showsPoint`).
 */
export function checkOutput(expect: SnippetExpectation, stdout: string): OutputCheck {
  const lines = outputLines(stdout);
  const problems: string[] = [];
  const groups: Record<string, string> = {};
  if (expect.kind === 'exact') {
    const n = Math.max(lines.length, expect.stdout.length);
    for (let i = 0; i < n; i++) {
      if (lines[i] !== expect.stdout[i]) {
        problems.push(`line ${i + 1}: expected ${JSON.stringify(expect.stdout[i] ?? '(no line)')}, got ${JSON.stringify(lines[i] ?? '(no line)')}`);
      }
    }
    return { ok: problems.length === 0, problems, groups };
  }
  const pairs: [string, string | undefined][] = expect.lines
    ? expect.lines.map((re, i) => [re, lines[i]])
    : [[expect.lastLine ?? '', lines.at(-1)]];
  if (expect.lines && lines.length !== expect.lines.length) {
    problems.push(`expected ${expect.lines.length} lines, got ${lines.length}`);
  }
  pairs.forEach(([re, line], i) => {
    const m = line === undefined ? null : new RegExp(re).exec(line);
    const where = expect.lines ? `line ${i + 1}` : 'last line';
    if (!m) problems.push(`${where} ${JSON.stringify(line ?? '(no line)')} does not match /${re}/`);
    else Object.assign(groups, m.groups ?? {});
  });
  if (problems.length === 0) problems.push(...failedComparisons(expect.where, groups).map((f) => `not true: ${f}`));
  return { ok: problems.length === 0, problems, groups };
}

/** Whether one run's captured groups show the demo's point (`expect.shows`); true when none is declared. */
export function showsPoint(expect: SnippetExpectation, groups: Readonly<Record<string, string>>): boolean {
  if (expect.kind !== 'property' || !expect.shows) return true;
  return failedComparisons(expect.shows.where, groups).length === 0;
}

export interface ExpectedOutput {
  /** "Output" for exact output; "What it prints" for a property. */
  heading: string;
  /** The lines it prints (exact), or undefined. */
  exact?: string[];
  /** The property in words, the point in words, a sample run: whichever are declared. */
  says?: string;
  shows?: string;
  sample?: string[];
}

/** What the page shows under a snippet's code, straight from its metadata. */
export function expectedOutput(meta: SnippetMeta): ExpectedOutput {
  const e = meta.expect;
  if (e.kind === 'exact') return { heading: 'Output', exact: e.stdout };
  return {
    heading: 'What it prints',
    says: e.says,
    ...(e.shows ? { shows: e.shows.says } : {}),
    ...(e.sample ? { sample: e.sample } : {}),
  };
}

/**
 * The TypeScript twin of a snippet for <CodeTabs ts="…">: a runnable example's source, by its path
 * under content/examples/ ("race-conditions/counter-lock" or "race-conditions/counter-lock.ts").
 */
export function readTypeScriptTwin(path: string): { id: string; source: string } {
  const id = path.replace(/\.ts$/, '');
  if (!/^[\w-]+(\/[\w-]+)*$/.test(id)) throw new Error(`<CodeTabs ts="${path}">: expected a path under content/examples/ such as "race-conditions/counter-lock"`);
  const file = join(process.cwd(), 'content', 'examples', ...`${id}.ts`.split('/'));
  if (!existsSync(file)) throw new Error(`<CodeTabs ts="${path}">: content/examples/${id}.ts does not exist`);
  return { id, source: readFileSync(file, 'utf8') };
}
