/**
 * The metadata every example exports as `meta`, validated with zod at build time (and by the Node
 * host before a run). Defaults live here, in the schema.
 *
 * The expectation (`expect`) is machine-checkable from a run's result (see expectation.ts), so the
 * tests, the CLI and the page all judge a run the same way.
 */
import { z } from 'astro/zod';

/**
 * A parameter, as the author writes it. Three kinds:
 * - a number in a range (the default; `kind` may be left out);
 * - a named choice (`kind: 'choice'`), shown as radio buttons, e.g. the GIL lab's interpreter mode;
 * - a boolean (`kind: 'boolean'`), shown as a checkbox.
 *
 * Whatever the kind, main receives a number (a choice's index, a boolean's 0 or 1): the wire format
 * (protocol.ts), the CLI's `--name value` and old links (`?mode=1`) stay as they were, and the
 * names only exist where people read them: the controls, links (`?mode=free-threaded`) and the CLI
 * (`--mode free-threaded`). After validation every kind has `min`, `max`, `step` and a numeric
 * `default`, so clamping works the same for all.
 */
const numberParamSchema = z
  .object({
    kind: z.literal('number').optional(),
    /** Value used when the reader does not change it, e.g. 1_000_000. */
    default: z.number(),
    min: z.number(),
    max: z.number(),
    /** Step of the page's control. Default: 1. */
    step: z.number().positive().default(1),
    /** Label of the control, e.g. "Increments per thread". */
    label: z.string().min(1),
  })
  .refine((p) => p.min <= p.default && p.default <= p.max, { message: 'default must lie within [min, max]' })
  .transform((p) => ({ ...p, kind: 'number' as const }));

const choiceSchema = z.object({
  /** Used in links and on the command line, e.g. "free-threaded". */
  name: z.string().regex(/^[a-z][a-z0-9-]*$/, 'a choice name is lowercase letters, digits and dashes'),
  /** Shown next to the radio button, e.g. "Free-threaded (PEP 703)". */
  label: z.string().min(1),
});

const choiceParamSchema = z
  .object({
    kind: z.literal('choice'),
    label: z.string().min(1),
    /** In order: main receives the index of the chosen one. */
    choices: z.array(choiceSchema).min(2),
    /** The name of the default choice. */
    default: z.string(),
  })
  .refine((p) => p.choices.some((c) => c.name === p.default), { message: 'default must be one of the choices' })
  .refine((p) => new Set(p.choices.map((c) => c.name)).size === p.choices.length, { message: 'choice names must differ' })
  .transform((p) => ({
    kind: 'choice' as const,
    label: p.label,
    choices: p.choices,
    default: p.choices.findIndex((c) => c.name === p.default),
    min: 0,
    max: p.choices.length - 1,
    step: 1,
  }));

const booleanParamSchema = z
  .object({
    kind: z.literal('boolean'),
    label: z.string().min(1),
    default: z.boolean().default(false),
  })
  .transform((p) => ({ kind: 'boolean' as const, label: p.label, default: p.default ? 1 : 0, min: 0, max: 1, step: 1 }));

export const paramSchema = z.union([choiceParamSchema, booleanParamSchema, numberParamSchema]);

/** A validated parameter: every kind has a numeric range, and choices have names. */
export type ResolvedParam = z.output<typeof paramSchema>;

export { formatParamValue, parseParamValue } from './param-values.ts';

export const expectationSchema = z.discriminatedUnion('kind', [
  /** The named counter ends exactly at its declared expected value, and the run finishes. */
  z.object({ kind: z.literal('exact'), counter: z.string().min(1) }),
  /** The named counter ends below its expected value: updates were lost (the race showed). */
  z.object({ kind: z.literal('lost-updates'), counter: z.string().min(1) }),
  /**
   * The run finishes and the named counter ends at exactly `equals`, whatever it declares as
   * expected (a challenge's win: "make the total come out at 2" of an expected 4).
   */
  z.object({ kind: z.literal('counter'), counter: z.string().min(1), equals: z.number() }),
  /** The run is ended by the deadlock detector. */
  z.object({ kind: z.literal('deadlock') }),
  /** The run never ends by itself: it is ended by the time limit (or by Stop). */
  z.object({ kind: z.literal('timeout') }),
  /** The run finishes and its output contains each of these strings. */
  z.object({ kind: z.literal('output'), includes: z.array(z.string().min(1)).min(1) }),
  /** The run reports an uncaught exception whose message contains `includes` (an intended failure). */
  z.object({ kind: z.literal('error'), includes: z.string().min(1) }),
]);

/**
 * Step mode (docs/stepping.md): small parameters for stepping and exploring, e.g. 2 threads x 2
 * increments instead of 2 x 1,000,000. `params` may add keys that Run does not have (e.g.
 * `barrier: 0` to take out a barrier that forces the interleaving in Run); `ranges` says what
 * `--param` and the page may set.
 */
export const stepSchema = z
  .object({
    params: z.record(z.string(), z.number()).default({}),
    ranges: z.record(z.string(), z.object({ min: z.number(), max: z.number() }).refine((r) => r.min <= r.max, { message: 'min must not exceed max' })).default({}),
    /** How a step run is judged, when not as Run (meta.expect). */
    expect: expectationSchema.optional(),
  })
  .refine((s) => Object.entries(s.ranges).every(([k, r]) => s.params[k] === undefined || (r.min <= (s.params[k] as number) && (s.params[k] as number) <= r.max)), {
    message: 'each step param must lie within its range',
  });

export const exampleMetaSchema = z.object({
  /** Shown above the example, e.g. "Two threads, one counter, no lock". */
  title: z.string().min(1),
  /** What the example shows, in one or two sentences. */
  summary: z.string().min(1),
  /** Parameters the reader can change; main receives their values by name. Default: none. */
  params: z.record(z.string(), paramSchema).default({}),
  /** The run is ended after this long. Default: 10000 ms. */
  timeLimitMs: z.number().int().positive().default(10_000),
  /**
   * 'threads': needs shared memory (cross-origin isolation in the browser).
   * 'messages': only processes and message channels; runs on any page. Default: 'threads'.
   */
  needs: z.enum(['threads', 'messages']).default('threads'),
  /** What a correct run of this example shows. */
  expect: expectationSchema,
  /**
   * Set for a runnable exercise: the code as shipped fails `expect` ON PURPOSE, and the reader's
   * task is to edit it until the page says it passes. The tests check that the shipped code does
   * fail (so the exercise is real). Example: { goal: 'Make the total exact without a Lock.' }
   */
  exercise: z.object({ goal: z.string().min(1) }).optional(),
  /** Step-mode parameters; an example with `step` offers Step and Explore. */
  step: stepSchema.optional(),
  /**
   * Set for a challenge (content/examples/challenges/, docs/challenges.md): the reader, as the
   * scheduler, steps the threads (or edits the code and steps) until `win` holds. `win` is an
   * expectation judged on the step run's result by the same checkExpectation as Run's verdicts,
   * e.g. { kind: 'deadlock' } or { kind: 'error', includes: 'AssertionError' }. Needs `step`.
   */
  challenge: z
    .object({
      /** The goal in one sentence, shown on the challenge: "Make the total come out at 2." */
      goal: z.string().min(1),
      /** What counts as winning, judged on the step run's result. */
      win: expectationSchema,
      /** Graded hints, revealed one at a time: a nudge first, the near-solution last. */
      hints: z.array(z.string().min(1)).min(2).max(4),
      /** Position on the challenges page (steps of ten, like article order). */
      order: z.number().int().nonnegative(),
    })
    .optional(),
}).refine((m) => m.challenge === undefined || m.step !== undefined, { message: 'a challenge needs `step` (it is won by stepping)', path: ['challenge'] });

/** What an example author writes (defaults may be left out). */
export type ExampleMeta = z.input<typeof exampleMetaSchema>;
/** The validated metadata, defaults filled in. */
export type ResolvedExampleMeta = z.output<typeof exampleMetaSchema>;
export type Expectation = z.output<typeof expectationSchema>;

/** Validates an example's `meta` export, with a message that names the example and the field. */
export function parseExampleMeta(id: string, meta: unknown): ResolvedExampleMeta {
  const r = exampleMetaSchema.safeParse(meta);
  if (!r.success) {
    const issues = r.error.issues.flatMap(explainIssue).join('\n');
    throw new Error(`Example "${id}" has invalid \`meta\`:\n${issues}`);
  }
  return r.data;
}

interface Issue {
  path: PropertyKey[];
  message: string;
  code?: string;
  errors?: Issue[][];
}

/**
 * One line per problem. A parameter that matches no kind fails as a union; say what is wrong
 * with it as the kind it names (the branch that did not reject its `kind`), not "Invalid input".
 */
function explainIssue(i: Issue): string[] {
  if (i.code === 'invalid_union' && i.errors) {
    const branch = i.errors.find((b) => b.length > 0 && !b.some((e) => e.path.join('.') === 'kind'));
    if (branch) return branch.flatMap((e) => explainIssue({ ...e, path: [...i.path, ...e.path] }));
  }
  return [`  - ${i.path.map(String).join('.') || '(meta)'}: ${i.message}`];
}

/** The parameter values of a run: defaults, overridden by `given` (clamped to each range). */
export function resolveParams(meta: ResolvedExampleMeta, given: Readonly<Record<string, number>> = {}): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [name, p] of Object.entries(meta.params)) {
    const v = given[name];
    if (v === undefined || !Number.isFinite(v)) out[name] = p.default;
    else out[name] = Math.min(p.max, Math.max(p.min, p.kind === 'number' ? v : Math.round(v)));
  }
  return out;
}

/**
 * The parameter values of a step run: meta.params defaults, then meta.step.params, then `given`.
 * Unlike resolveParams, a value outside its step range (or for a name without one) is refused, not
 * clamped: Explore's answer depends on it, so a silent change would mislead.
 */
export function resolveStepParams(meta: ResolvedExampleMeta, given: Readonly<Record<string, number>> = {}): Record<string, number> {
  const out = resolveParams(meta);
  const step = meta.step ?? { params: {}, ranges: {} };
  Object.assign(out, step.params);
  for (const [name, v] of Object.entries(given)) {
    const r = step.ranges[name];
    if (r === undefined) {
      const names = Object.keys(step.ranges);
      throw new RangeError(`step-mode parameter "${name}" cannot be set${names.length > 0 ? `; these can: ${names.map((n) => `${n} (${step.ranges[n]?.min}..${step.ranges[n]?.max})`).join(', ')}` : ' (this example declares no step-mode ranges)'}`);
    }
    if (!Number.isFinite(v) || v < r.min || v > r.max) throw new RangeError(`step-mode parameter ${name}=${v} is outside its range ${r.min}..${r.max}`);
    out[name] = v;
  }
  return out;
}

