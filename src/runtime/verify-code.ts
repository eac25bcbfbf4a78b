/**
 * Decoding and judging a verification code (format: src/runtime/verification-code.ts): the one
 * module the challenges page's verify box and `npm run example -- <id> --verify <code>` share.
 * Pure: no DOM, no Node API. The caller supplies what it knows about the challenge and replays the
 * schedule on its own host (Web Workers on the page, worker_threads in Node); this module says
 * whether the code is well formed, unchanged, for a known challenge with allowed parameters, and
 * whether the replay won.
 *
 * Each way a code can be wrong has its own kind and a message that says what to do:
 *   format            not a code, or a part missing or malformed
 *   version           made by another version of the format (IL2-…)
 *   check             the check does not match: a character changed or mistyped
 *   unknown-challenge no challenge of that name on this site
 *   params            parameters the challenge does not have or does not allow
 *   does-not-win      the replay does not win (with the exact reason), or cannot be replayed
 */
import { z } from 'astro/zod';
import type { Expectation } from './example-meta.ts';
import { checkExpectation } from './expectation.ts';
import type { RunResult } from './host/run.ts';
import { formatSchedule, parseSchedule, ScheduleSyntaxError, type Schedule } from './schedule.ts';
import { BASE32, CHALLENGE_FOLDER, CHECK_LENGTH, CODE_PREFIX, CODE_VERSION, checkOf, type CodeClaim } from './verification-code.ts';

export { WHAT_A_CODE_PROVES, type CodeClaim } from './verification-code.ts';

// zod compiles object parsers with `new Function` when it may; probing for that under the site's
// Content-Security-Policy (no 'unsafe-eval') reports a violation even though zod catches it. Its
// interpreter is plenty fast for one code.
z.config({ jitless: true });

export type ProblemKind = 'format' | 'version' | 'check' | 'unknown-challenge' | 'params' | 'does-not-win';

export interface CodeProblem {
  kind: ProblemKind;
  message: string;
}

/** What the verifier needs to know about a challenge (from its meta; the page ships it as island props). */
export interface ChallengeInfo {
  /** "challenges/total-two" */
  id: string;
  title: string;
  win: Expectation;
  /** Step-mode parameters (resolveStepParams with no overrides). */
  params: Readonly<Record<string, number>>;
  /** Those a link or a code may change. */
  ranges: Readonly<Record<string, { min: number; max: number }>>;
}

export type Parsed = { ok: true; claim: CodeClaim } | { ok: false; problem: CodeProblem };
export type Decoded = { ok: true; claim: CodeClaim; challenge: ChallengeInfo } | { ok: false; problem: CodeProblem };

const fail = (kind: ProblemKind, message: string): { ok: false; problem: CodeProblem } => ({ ok: false, problem: { kind, message } });

const PART_NAMES = ['challenge', 'parameters', 'schedule'] as const;

/** The three middle parts of a version 1 code, validated and turned into a claim. */
const partsSchema = z.object({
  challenge: z
    .string()
    .min(1, 'it is empty')
    .regex(/^[a-z0-9]+(?:_[a-z0-9]+)*$/, 'a challenge name is lowercase letters and digits, words joined by "_"')
    .transform((s) => `${CHALLENGE_FOLDER}${s.replace(/_/g, '-')}`),
  parameters: z.string().transform((s, ctx) => {
    const out: Record<string, number> = {};
    if (s === '') return out;
    for (const pair of s.split('.')) {
      const m = /^([A-Za-z][A-Za-z0-9]*)~(\d{1,9})$/.exec(pair);
      if (m === null) {
        ctx.addIssue({ code: 'custom', message: `"${pair}" is not name~value (a whole number)` });
        return z.NEVER;
      }
      const name = m[1] as string;
      if (name in out) {
        ctx.addIssue({ code: 'custom', message: `${name} is set twice` });
        return z.NEVER;
      }
      out[name] = Number(m[2]);
    }
    return out;
  }),
  schedule: z
    .string()
    .min(1, 'it is empty')
    .regex(/^[0-9Mx.]+$/, 'a schedule is thread numbers and runs like 1.2x3.M')
    .transform((s, ctx): Schedule => {
      try {
        return parseSchedule(s);
      } catch (e) {
        ctx.addIssue({ code: 'custom', message: e instanceof ScheduleSyntaxError ? e.message : String(e) });
        return z.NEVER;
      }
    }),
});

/** Crockford decoding: case does not matter, I and L read as 1, O as 0. */
const normalCheck = (s: string): string => s.toUpperCase().replace(/[IL]/g, '1').replace(/O/g, '0');

/**
 * Reads a code: its form, its version, its check and its parts. Whitespace anywhere is ignored (an
 * e-mail may wrap a code). Knows nothing of the site's challenges: see checkClaim.
 */
export function parseVerificationCode(input: string): Parsed {
  const text = input.replace(/\s+/g, '');
  const example = `${CODE_PREFIX}-total_two-n~2-1.2x3.1x3.2-…`;
  if (text === '') return fail('format', `Paste a verification code: it starts with ${CODE_PREFIX}- (for example ${example}).`);
  const head = /^IL(\d+)-/i.exec(text);
  if (head === null) return fail('format', `This is not a verification code: codes start with ${CODE_PREFIX}- (for example ${example}).`);
  const version = Number(head[1]);
  if (version !== CODE_VERSION) {
    return fail('version', `This code is format version ${version}; this site reads version ${CODE_VERSION} codes (${CODE_PREFIX}-…). It was made by another version of Interleave.`);
  }
  const parts = text.split('-');
  if (parts.length !== 5) {
    return fail('format', `A code has 5 parts joined by "-" (${CODE_PREFIX}-challenge-parameters-schedule-check); this one has ${parts.length}. Copy it again, whole.`);
  }
  const check = normalCheck(parts[4] as string);
  if (check.length !== CHECK_LENGTH || [...check].some((c) => !BASE32.includes(c))) {
    return fail('format', `The last part, the check, is ${CHECK_LENGTH} letters and digits; "${parts[4]}" is not. Copy the code again, whole.`);
  }
  const body = [CODE_PREFIX, ...parts.slice(1, 4)].join('-');
  if (checkOf(body) !== check) {
    return fail('check', 'This code\'s check does not match the rest of it: a character was changed or mistyped. Copy the code again from the challenge.');
  }
  const r = partsSchema.safeParse({ challenge: parts[1], parameters: parts[2], schedule: parts[3] });
  if (!r.success) {
    const issue = r.error.issues[0];
    const where = PART_NAMES.find((p) => p === issue?.path[0]) ?? 'code';
    return fail('format', `The ${where} part of this code cannot be read: ${issue?.message ?? 'malformed'}.`);
  }
  return { ok: true, claim: { id: r.data.challenge, params: r.data.parameters, schedule: r.data.schedule } };
}

/**
 * Checks a parsed claim against the site's challenge of that id (undefined: there is none): every
 * parameter must exist, and be inside its step range or, without one, equal the step-mode value.
 * Parameters the code leaves out take the step-mode values. Returns the claim with all of them.
 */
export function checkClaim(claim: CodeClaim, challenge: ChallengeInfo | undefined): Decoded {
  if (challenge === undefined) {
    return fail('unknown-challenge', `There is no challenge "${claim.id.slice(CHALLENGE_FOLDER.length)}" on this site. The code may be for a newer or older version of it.`);
  }
  const params: Record<string, number> = { ...challenge.params };
  for (const [name, v] of Object.entries(claim.params)) {
    const r = challenge.ranges[name];
    if (!(name in challenge.params)) return fail('params', `This code sets ${name}=${v}, but "${challenge.title}" has no parameter ${name}.`);
    if (r === undefined && v !== challenge.params[name]) {
      return fail('params', `This code sets ${name}=${v}; "${challenge.title}" is played with ${name}=${challenge.params[name]} only.`);
    }
    if (r !== undefined && (v < r.min || v > r.max)) {
      return fail('params', `This code sets ${name}=${v}; "${challenge.title}" allows ${name} from ${r.min} to ${r.max}.`);
    }
    params[name] = v;
  }
  return { ok: true, claim: { ...claim, params }, challenge };
}

/** parseVerificationCode, then checkClaim with the challenge `lookup` finds for the code's id. */
export function decodeVerificationCode(input: string, lookup: (id: string) => ChallengeInfo | undefined): Decoded {
  const parsed = parseVerificationCode(input);
  return parsed.ok ? checkClaim(parsed.claim, lookup(parsed.claim.id)) : parsed;
}

/** The part of a step session's state (src/runtime/host/step-session.ts) a verdict needs. */
export interface ReplayedState {
  schedule: readonly number[];
  end: { result: Pick<RunResult, 'reason' | 'counters' | 'output' | 'errors' | 'deadlock' | 'message'> } | null;
  error: string | null;
}

export interface CodeVerdict {
  ok: boolean;
  kind: 'solved' | 'does-not-win';
  /** One sentence: what the replay ended with, and why that wins or does not. */
  message: string;
}

/**
 * Judges a replay of the claim's schedule, from the start, on the challenge's step run: it wins when
 * every step could be taken, the run ended with the last one, and the end meets the challenge's win.
 */
export function judgeReplay(claim: CodeClaim, challenge: ChallengeInfo, state: ReplayedState): CodeVerdict {
  const steps = `${claim.schedule.length} ${claim.schedule.length === 1 ? 'step' : 'steps'}`;
  if (state.error !== null) {
    return { ok: false, kind: 'does-not-win', message: `Does not win: the schedule cannot be replayed (${state.error}).` };
  }
  if (state.end === null) {
    return { ok: false, kind: 'does-not-win', message: `Does not win: the run has not ended after the schedule's ${steps} (${formatSchedule(state.schedule)}); a win is judged at the end of the run.` };
  }
  const v = checkExpectation(challenge.win, state.end.result);
  return v.ok
    ? { ok: true, kind: 'solved', message: `Solved: the schedule wins "${challenge.title}" in ${steps}. ${state.end.result.message} ${v.message}.` }
    : { ok: false, kind: 'does-not-win', message: `Does not win: ${state.end.result.message} ${v.message}.` };
}
