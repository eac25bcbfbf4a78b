/**
 * Judges a run's result against the example's declared expectation. Pure and browser-safe: the
 * tests, the CLI and the page use the same verdict.
 */
import type { Expectation } from './example-meta.ts';
import { formatNumber } from './format-number.ts';
import type { RunResult } from './host/run.ts';

export interface Verdict {
  ok: boolean;
  /** Why, in one sentence, e.g. "total = 1,372,018 of 2,000,000: 627,982 updates lost". */
  message: string;
}

const fmt = formatNumber;

export function checkExpectation(expect: Expectation, result: Pick<RunResult, 'reason' | 'counters' | 'output' | 'errors' | 'deadlock' | 'message'>): Verdict {
  switch (expect.kind) {
    case 'exact':
    case 'lost-updates': {
      const c = result.counters.find((x) => x.name === expect.counter);
      if (c === undefined) return { ok: false, message: `no counter named "${expect.counter}"` };
      if (c.expected === null) return { ok: false, message: `counter "${expect.counter}" declares no expected value` };
      if (result.reason !== 'finished') return { ok: false, message: `the run did not finish: ${result.message}` };
      const lost = c.expected - c.value;
      const text = `${c.name} = ${fmt(c.value)} of ${fmt(c.expected)}${lost > 0 ? `: ${fmt(lost)} updates lost` : ''}`;
      return { ok: expect.kind === 'exact' ? c.value === c.expected : c.value < c.expected, message: text };
    }
    case 'counter': {
      const c = result.counters.find((x) => x.name === expect.counter);
      if (c === undefined) return { ok: false, message: `no counter named "${expect.counter}"` };
      if (result.reason !== 'finished') return { ok: false, message: `the run did not finish: ${result.message}` };
      return c.value === expect.equals
        ? { ok: true, message: `${c.name} = ${fmt(c.value)}, as wanted` }
        : { ok: false, message: `${c.name} = ${fmt(c.value)}, not ${fmt(expect.equals)}` };
    }
    case 'deadlock':
      return result.reason === 'deadlock'
        ? { ok: true, message: `deadlock detected: ${result.deadlock?.text ?? ''}` }
        : { ok: false, message: `expected a deadlock; ${result.message}` };
    case 'timeout':
      return result.reason === 'time-limit' || result.reason === 'stopped'
        ? { ok: true, message: result.message }
        : { ok: false, message: `expected the run to be ended by the time limit; ${result.message}` };
    case 'output': {
      if (result.reason !== 'finished') return { ok: false, message: `the run did not finish: ${result.message}` };
      const text = result.output.map((l) => l.text).join('\n');
      const missing = expect.includes.filter((s) => !text.includes(s));
      return missing.length === 0 ? { ok: true, message: 'output as expected' } : { ok: false, message: `output lacks ${missing.map((s) => JSON.stringify(s)).join(', ')}` };
    }
    case 'error': {
      const hit = result.errors.find((e) => e.message.includes(expect.includes));
      return hit ? { ok: true, message: `raised as intended: ${hit.message}` } : { ok: false, message: `expected an exception containing ${JSON.stringify(expect.includes)}; ${result.message}` };
    }
  }
}
