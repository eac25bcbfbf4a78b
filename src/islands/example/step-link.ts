/**
 * A shared step link (`?schedule=1.1.2.2&params=n:2#ex-race-conditions-counter-race`, made by
 * stepLink in src/runtime/schedule.ts) read for one example: its schedule and step-mode params,
 * checked against the example's step ranges like resolveStepParams does (refused, not clamped:
 * Explore's and the replay's answer depend on them). Reading it never runs anything.
 */
import { parseStepLink } from '../../runtime/schedule.ts';
import type { StepStart } from './runner-state.ts';
import type { StepProps } from './types.ts';

export function readStepLink(url: URL, anchor: string, step: StepProps): { start: StepStart } | { error: string } | null {
  if (url.hash !== `#${anchor}` || !url.searchParams.has('schedule')) return null;
  try {
    const link = parseStepLink(url);
    const params = { ...step.params };
    for (const [name, v] of Object.entries(link.params)) {
      const r = step.ranges[name];
      // A value the step run uses anyway (stepLink writes every param) needs no range.
      if (r === undefined && v === step.params[name]) continue;
      if (r === undefined || v < r.min || v > r.max) {
        return { error: `This link sets ${name}=${v}, which step mode does not allow${r ? ` (${r.min}–${r.max})` : ''}.` };
      }
      params[name] = v;
    }
    return { start: { schedule: link.schedule ?? [], params } };
  } catch (e) {
    return { error: `This link's schedule cannot be read: ${(e as Error).message}` };
  }
}
