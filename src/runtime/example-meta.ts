/**
 * The metadata every example exports as `meta`, validated with zod at build time (and by the Node
 * host before a run). Defaults live here, in the schema.
 *
 * The expectation (`expect`) is machine-checkable from a run's result (see expectation.ts), so the
 * tests, the CLI and the page all judge a run the same way.
 */
import { z } from 'astro/zod';

export const paramSchema = z
  .object({
    /** Value used when the reader does not change it, e.g. 1_000_000. */
    default: z.number(),
    min: z.number(),
    max: z.number(),
    /** Step of the page's control. Default: 1. */
    step: z.number().positive().default(1),
    /** Label of the control, e.g. "Increments per thread". */
    label: z.string().min(1),
  })
  .refine((p) => p.min <= p.default && p.default <= p.max, { message: 'default must lie within [min, max]' });

export const expectationSchema = z.discriminatedUnion('kind', [
  /** The named counter ends exactly at its declared expected value, and the run finishes. */
  z.object({ kind: z.literal('exact'), counter: z.string().min(1) }),
  /** The named counter ends below its expected value: updates were lost (the race showed). */
  z.object({ kind: z.literal('lost-updates'), counter: z.string().min(1) }),
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
});

/** What an example author writes (defaults may be left out). */
export type ExampleMeta = z.input<typeof exampleMetaSchema>;
/** The validated metadata, defaults filled in. */
export type ResolvedExampleMeta = z.output<typeof exampleMetaSchema>;
export type Expectation = z.output<typeof expectationSchema>;

/** Validates an example's `meta` export, with a message that names the example and the field. */
export function parseExampleMeta(id: string, meta: unknown): ResolvedExampleMeta {
  const r = exampleMetaSchema.safeParse(meta);
  if (!r.success) {
    const issues = r.error.issues.map((i) => `  - ${i.path.join('.') || '(meta)'}: ${i.message}`).join('\n');
    throw new Error(`Example "${id}" has invalid \`meta\`:\n${issues}`);
  }
  return r.data;
}

/** The parameter values of a run: defaults, overridden by `given` (clamped to each range). */
export function resolveParams(meta: ResolvedExampleMeta, given: Readonly<Record<string, number>> = {}): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [name, p] of Object.entries(meta.params)) {
    const v = given[name];
    out[name] = v === undefined || !Number.isFinite(v) ? p.default : Math.min(p.max, Math.max(p.min, v));
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
