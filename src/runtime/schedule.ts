/**
 * Schedules as data: the list of choices of a step run (which thread takes each step), as a short
 * string a reader can copy, put in a link, or pass to `npm run example -- <id> --schedule "..."`.
 *
 * A schedule names threads by number: 0 is MainThread (written M), k the k-th Thread started in the
 * run. It lists only choices (the scheduler takes start/join/sleep itself, see docs/stepping.md), so
 * it does not depend on line numbers, object ids or worker timing, and replays after unrelated edits.
 *
 * Platform-neutral and pure: the page, the hosts and the CLI share it.
 */

/** 0 = MainThread, k = k-th started thread. */
export type Schedule = readonly number[];

export class ScheduleSyntaxError extends Error {
  override name = 'ScheduleSyntaxError';
}

/** Thread numbers a schedule may name (thread slots 1..63: main + 62 threads). */
export const MAX_THREAD_NUMBER = 62;
/** Longest schedule accepted (a guard against pasted garbage, far above any step-mode run). */
export const MAX_SCHEDULE_STEPS = 10_000;

const TOKEN = /^(?:(M|m)|[Tt]?(\d{1,3}))(?:[×xX*](\d{1,5}))?$/;

/**
 * Parses "1 1 2 2 1 2", "1,1,2,2", "1.1.2.2", "T1 T1 T2 T2", "T1×2 T2×2", "T1x2 2*2", "M 1 2".
 * Throws ScheduleSyntaxError naming the bad token.
 */
export function parseSchedule(text: string): Schedule {
  const out: number[] = [];
  const tokens = text.trim().split(/[\s,.;+]+/).filter((t) => t !== '');
  for (const t of tokens) {
    const m = TOKEN.exec(t);
    if (m === null) throw new ScheduleSyntaxError(`not a step: "${t}" (write thread numbers like "1 1 2" or runs like "T1×2 T2")`);
    const thread = m[1] !== undefined ? 0 : Number(m[2]);
    const times = m[3] === undefined ? 1 : Number(m[3]);
    if (thread > MAX_THREAD_NUMBER) throw new ScheduleSyntaxError(`no thread ${thread}: thread numbers go up to ${MAX_THREAD_NUMBER}`);
    if (times < 1) throw new ScheduleSyntaxError(`"${t}": a run repeats a thread at least once`);
    if (out.length + times > MAX_SCHEDULE_STEPS) throw new ScheduleSyntaxError(`a schedule has at most ${MAX_SCHEDULE_STEPS} steps`);
    for (let i = 0; i < times; i++) out.push(thread);
  }
  return out;
}

function name(thread: number): string {
  return thread === 0 ? 'M' : String(thread);
}

/** Canonical text: "1 1 2 2 1 2" (M for main). `parseSchedule(formatSchedule(s))` equals `s`. */
export function formatSchedule(s: Schedule): string {
  return s.map(name).join(' ');
}

/** Display text with runs: "T1×2 T2×2 T1 T2" (M for main). Parses back to the same schedule. */
export function formatScheduleRuns(s: Schedule): string {
  const parts: string[] = [];
  for (let i = 0; i < s.length; ) {
    let j = i;
    while (j < s.length && s[j] === s[i]) j++;
    const t = s[i] as number;
    const label = t === 0 ? 'M' : `T${t}`;
    parts.push(j - i > 1 ? `${label}×${j - i}` : label);
    i = j;
  }
  return parts.join(' ');
}

/** URL form: "1.1.2.2.1.2" (no character needs escaping). */
export function scheduleToParam(s: Schedule): string {
  return s.map(name).join('.');
}

/** The page anchor of an example: "ex-race-conditions-counter-race". */
export function exampleAnchor(id: string): string {
  return `ex-${id.replace(/\//g, '-')}`;
}

/**
 * The query and hash that open an example with a schedule and its step-mode params, relative to the
 * page: "?schedule=1.1.2.2&params=n:2,threads:2#ex-race-conditions-counter-race".
 */
export function stepLink(o: { exampleId: string; schedule: Schedule; params?: Readonly<Record<string, number>> }): string {
  const q = new URLSearchParams();
  q.set('schedule', scheduleToParam(o.schedule));
  const params = Object.entries(o.params ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  if (params.length > 0) q.set('params', params.map(([k, v]) => `${k}:${v}`).join(','));
  return `?${q.toString().replace(/%3A/gi, ':').replace(/%2C/gi, ',')}#${exampleAnchor(o.exampleId)}`;
}

export interface ParsedStepLink {
  /** The anchor's example, as "ex-..." minus the prefix with dashes (the page maps it to an id). */
  anchor: string | null;
  schedule: Schedule | null;
  params: Record<string, number>;
}

/**
 * Reads a link made by stepLink (absolute or relative). `anchor` is the hash without '#', e.g.
 * "ex-race-conditions-counter-race" (ids contain '-', so the page matches anchors, not ids).
 * A malformed schedule or param throws ScheduleSyntaxError; opening a link never runs anything.
 */
export function parseStepLink(url: string | URL): ParsedStepLink {
  const u = typeof url === 'string' ? new URL(url, 'http://x.invalid/') : url;
  const s = u.searchParams.get('schedule');
  const params: Record<string, number> = {};
  const p = u.searchParams.get('params');
  if (p !== null && p !== '') {
    for (const pair of p.split(',')) {
      const m = /^([A-Za-z_][\w-]*):(-?\d+(?:\.\d+)?)$/.exec(pair);
      if (m === null) throw new ScheduleSyntaxError(`bad parameter "${pair}" (write name:value)`);
      params[m[1] as string] = Number(m[2]);
    }
  }
  const hash = u.hash.replace(/^#/, '');
  return { anchor: hash === '' ? null : hash, schedule: s === null ? null : parseSchedule(s), params };
}
