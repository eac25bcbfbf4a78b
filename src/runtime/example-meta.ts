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
