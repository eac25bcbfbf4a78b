/**
 * Props of the example island. Astro serialises island props into the page, so everything here
 * is plain data: the example is compiled and recorded at build time, never read from MDX children.
 */
import type { Expectation, ResolvedParam } from '../../runtime/example-meta.ts';

/** A parameter as the page gets it: a number range, a named choice or a boolean (see example-meta.ts). */
export type ParamSpec = ResolvedParam;

/** Step mode of an example (meta.step, resolved at build time): see docs/stepping.md. */
export interface StepProps {
  /** Step-mode parameter values (resolveStepParams with no overrides). */
  params: Record<string, number>;
  /** What a link or the reader may set. */
  ranges: Record<string, { min: number; max: number }>;
  /** Judges the end of a step run: meta.step.expect, else meta.expect. */
  expect: Expectation;
}

/** A challenge as the page gets it (meta.challenge). */
export interface ChallengeProps {
  goal: string;
  /** Judged on the step run after every step (challenge-win.ts). */
  win: Expectation;
  /** Graded: revealed one at a time. */
  hints: string[];
  order: number;
}

export interface RecordedRun {
  /** Output lines as the CLI prints them: "[T1] text". */
  lines: string[];
  /** Verdict of the recorded run against the example's statement. */
  ok: boolean;
  verdict: string;
  /** How the recorded run ended, in one sentence. */
  message: string;
  wallMs: number;
  /** Where and how it was recorded, e.g. "Node 24 worker_threads, 2 cores". */
  where: string;
}

export interface ExampleProps {
  /** Stable id, e.g. "race-conditions/counter-race". */
  id: string;
  /** Element id of the example's section, e.g. "ex-race-conditions-counter-race". */
  anchor: string;
  /** Anchors of the example's old ids (it moved folders); links made with them still set its parameters. */
  oldAnchors: string[];
  title: string;
  needs: 'threads' | 'messages';
  timeLimitMs: number;
  params: Record<string, ParamSpec>;
  /** Parameter values the article chose (defaults overridden by MDX props). */
  initial: Record<string, number>;
  expect: Expectation;
  /** Step and Explore, for examples that declare `meta.step`; null otherwise. */
  step: StepProps | null;
  /** Set for a challenge (content/examples/challenges/, docs/challenges.md): won by stepping. Needs `step`. */
  challenge: ChallengeProps | null;
  /** Set for a runnable exercise: the shipped code fails `expect` on purpose; this is the task. */
  exercise: { goal: string } | null;
  /** URL of the compiled example module. */
  moduleUrl: string;
  /** URL of the runtime module (what `interleave` resolves to in the browser). */
  runtimeUrl: string;
  /** URL of the Web Worker entry bundle. */
  workerUrl: string;
  /** URL of esbuild.wasm (loaded only on Edit). */
  wasmUrl: string;
  /** TypeScript source, for the editor. */
  source: string;
  recorded: RecordedRun;
  /** Rendered on an embed page (/embed/<id>/). */
  embed: boolean;
  /** Canonical article URL path of the example, for "open in a new tab" from embeds. */
  canonicalPath: string;
}
