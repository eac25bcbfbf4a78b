/**
 * Verification codes for solved challenges, format version 1: what a student hands in, and what
 * `npm run example -- <id> --verify <code>` and the challenges page's verify box replay.
 *
 *   IL1-total_two-n~2-1.2x3.1x3.2-0Q5M2KD
 *   │   │         │   │           └ check: CRC-32 of everything before the last "-", 7 Crockford base-32 digits
 *   │   │         │   └ the winning schedule, runs joined by "." (M = main; "2x3" = thread 2, three steps)
 *   │   │         └ step-mode parameters, name~value joined by ".", sorted by name (empty: none)
 *   │   └ the challenge: its name under content/examples/challenges/, "-" written "_"
 *   └ "IL" and the format's version
 *
 * Only URL-unreserved characters (letters, digits, "-", ".", "_", "~"): a code survives a URL, an
 * e-mail, a spreadsheet cell or a chat message unescaped. The schedule part is the step-link form
 * (`?schedule=1.2.2.2`) with runs, so parseSchedule reads it.
 *
 * The check catches typos and casual edits. It is not a signature: anyone can compute it, and a
 * code says nothing about who found the schedule. What a code proves comes from replaying it: that
 * this schedule wins this challenge (src/runtime/verify-code.ts decodes and judges; docs/challenges.md).
 *
 * This half (encoding) is small and has no dependencies, so the challenge panel can show a code
 * without loading zod; decoding, with zod, loads only when someone verifies.
 */
import { formatScheduleRuns, type Schedule } from './schedule.ts';

export const CODE_VERSION = 1;
export const CODE_PREFIX = `IL${CODE_VERSION}`;
/** Examples a code can name live under this folder; the code leaves it out. */
export const CHALLENGE_FOLDER = 'challenges/';

/** What a code proves, in the words the page and the CLI use. */
export const WHAT_A_CODE_PROVES =
  'A verification code shows that its schedule wins its challenge, replayed here; it does not show who found the schedule. ' +
  'Its check catches typos and casual edits; it is not a signature.';

/** What a code claims: this schedule, with these step-mode parameters, wins this challenge. */
export interface CodeClaim {
  /** Example id, e.g. "challenges/total-two". */
  id: string;
  /** Step-mode parameters the schedule was played with. */
  params: Readonly<Record<string, number>>;
  schedule: Schedule;
}

export const NAME_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const PARAM_NAME_PATTERN = /^[A-Za-z][A-Za-z0-9]*$/;

let table: Uint32Array | null = null;

/** CRC-32 (IEEE 802.3, the zip/PNG one) of an ASCII string. */
export function crc32(text: string): number {
  if (table === null) {
    table = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      table[n] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (let i = 0; i < text.length; i++) crc = (table[(crc ^ text.charCodeAt(i)) & 0xff] as number) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/** Crockford's base 32: no I, L, O or U, so a code read aloud or retyped survives (decoders map I, L → 1, O → 0). */
export const BASE32 = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const CHECK_LENGTH = 7;

/** The check of a code's body (everything before the last "-"): 7 base-32 digits of its CRC-32. */
export function checkOf(body: string): string {
  let v = crc32(body);
  let out = '';
  for (let i = 0; i < CHECK_LENGTH; i++) {
    out = (BASE32[v % 32] as string) + out;
    v = Math.floor(v / 32);
  }
  return out;
}

/** The schedule part: "1.2x3.1x3.2" (runs of one thread as "<thread>x<steps>", main as M). */
export function scheduleField(s: Schedule): string {
  return formatScheduleRuns(s).replace(/T/g, '').replace(/×/g, 'x').replace(/ /g, '.');
}

/**
 * The code for a claim. Throws for what version 1 cannot write (a name with "_", a parameter name
 * with other than letters and digits, a parameter that is not a whole number ≥ 0, an empty
 * schedule); every challenge's is written, test/unit/stepping/verification-code.test.ts checks.
 */
export function encodeVerificationCode(claim: CodeClaim): string {
  if (!claim.id.startsWith(CHALLENGE_FOLDER)) throw new Error(`only challenges have verification codes, not ${claim.id}`);
  const name = claim.id.slice(CHALLENGE_FOLDER.length);
  if (!NAME_PATTERN.test(name)) throw new Error(`a challenge name for a code is lowercase letters, digits and single dashes: "${name}"`);
  const params = Object.entries(claim.params)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => {
      if (!PARAM_NAME_PATTERN.test(k)) throw new Error(`parameter name "${k}" cannot go in a code (letters and digits only)`);
      if (!Number.isSafeInteger(v) || v < 0) throw new Error(`parameter ${k}=${v} cannot go in a code (a whole number ≥ 0)`);
      return `${k}~${v}`;
    });
  if (claim.schedule.length === 0) throw new Error('an empty schedule wins nothing');
  const body = [CODE_PREFIX, name.replace(/-/g, '_'), params.join('.'), scheduleField(claim.schedule)].join('-');
  return `${body}-${checkOf(body)}`;
}
