import { describe, expect, it } from 'vitest';
import { ScheduleSyntaxError, exampleAnchor, formatSchedule, formatScheduleRuns, parseSchedule, parseStepLink, scheduleToParam, stepLink } from '../../../src/runtime/schedule.ts';

describe('schedule strings', () => {
  it('parse every accepted form to the same schedule', () => {
    const want = [1, 1, 2, 2, 1, 2];
    for (const text of ['1 1 2 2 1 2', '1,1,2,2,1,2', '1.1.2.2.1.2', 'T1 T1 T2 T2 T1 T2', 'T1×2 T2×2 T1 T2', 'T1x2 T2X2 1 2', '1*2 2*2 1 2', '  1  1\t2 2 1 2 ']) {
      expect(parseSchedule(text), text).toEqual(want);
    }
    expect(parseSchedule('M 1 m 0 T2')).toEqual([0, 1, 0, 0, 2]);
    expect(parseSchedule('')).toEqual([]);
  });

  it('format canonically, and both formats parse back to the schedule', () => {
    const s = [1, 1, 2, 2, 1, 2, 0, 12, 12, 12];
    expect(formatSchedule(s)).toBe('1 1 2 2 1 2 M 12 12 12');
    expect(formatScheduleRuns(s)).toBe('T1×2 T2×2 T1 T2 M T12×3');
    expect(parseSchedule(formatSchedule(s))).toEqual(s);
    expect(parseSchedule(formatScheduleRuns(s))).toEqual(s);
    expect(formatSchedule(parseSchedule('T1×2 T2×2'))).toBe('1 1 2 2');
  });

  it('refuse garbage with a message that names the bad token', () => {
    expect(() => parseSchedule('1 2 three')).toThrow(ScheduleSyntaxError);
    expect(() => parseSchedule('1 2 three')).toThrow(/"three"/);
    expect(() => parseSchedule('T99')).toThrow(/no thread 99/);
    expect(() => parseSchedule('1×0')).toThrow(/at least once/);
    expect(() => parseSchedule('1×20000')).toThrow(/at most/);
  });

  it('round-trip through the URL form (relative and absolute links)', () => {
    const schedule = [1, 1, 2, 2, 1, 2, 2, 1];
    const link = stepLink({ exampleId: 'race-conditions/counter-race', schedule, params: { threads: 2, n: 2 } });
    expect(link).toBe('?schedule=1.1.2.2.1.2.2.1&params=n:2,threads:2#ex-race-conditions-counter-race');
    for (const url of [link, `https://interleave.example/race-conditions/${link}`, new URL(link, 'http://127.0.0.1:4321/race-conditions/')]) {
      const back = parseStepLink(url);
      expect(back.schedule).toEqual(schedule);
      expect(back.params).toEqual({ threads: 2, n: 2 });
      expect(back.anchor).toBe(exampleAnchor('race-conditions/counter-race'));
    }
    expect(scheduleToParam([0, 3])).toBe('M.3');
    expect(parseStepLink('?schedule=M.3').schedule).toEqual([0, 3]);
    expect(parseStepLink('/page/').schedule).toBeNull();
    expect(() => parseStepLink('?schedule=1&params=n=2')).toThrow(/name:value/);
  });
});
