/** A recorded run as preview lanes: thread spans on a 0..1 axis, how each ended; printers and processes otherwise. */
import { describe, expect, it } from 'vitest';
import { lanesOf } from '../../../src/lib/og/lanes.ts';

const thread = (name: string, startMs: number, endMs: number | null, state = 'done', waitingFor: string | null = null) => ({ name, startMs, endMs, state, waitingFor });

describe('lanesOf', () => {
  it('puts every thread on the run’s time axis, from its start to its end', () => {
    const lanes = lanesOf({ lanes: [thread('MainThread', 100, 300), thread('T1', 150, 250)], lines: [], deadlock: null, processes: [] });
    expect(lanes.map((l) => [l.name, l.from, l.to, l.end])).toEqual([
      ['MainThread', 0, 1, 'done'],
      ['T1', 0.25, 0.75, 'done'],
    ]);
  });
  it('says what a blocked thread waits for, and that a cut-off one was still running', () => {
    const lanes = lanesOf({
      lanes: [thread('T1', 0, 10, 'blocked', 'B'), thread('T2', 0, 10, 'running'), thread('T3', 0, 10, 'failed')],
      lines: [],
      deadlock: 'T1 holds A, waits for B',
      processes: [],
    });
    expect(lanes.map((l) => [l.end, l.note])).toEqual([
      ['blocked', 'waits for B'],
      ['running', 'still running'],
      ['failed', 'raised'],
    ]);
  });
  it('draws processes as outlines with their exit code, next to MainThread', () => {
    const lanes = lanesOf({ lanes: [thread('MainThread', 0, 50)], lines: ['[MainThread] done'], deadlock: null, processes: [{ name: 'square', exitCode: 0 }, { name: 'sum', exitCode: 1 }] });
    expect(lanes.map((l) => [l.name, l.outline, l.end, l.note])).toEqual([
      ['MainThread', false, 'done', null],
      ['square', true, 'done', 'exit code 0'],
      ['sum', true, 'failed', 'exit code 1'],
    ]);
  });
  it('without thread times, shows who printed each line, in order', () => {
    const lanes = lanesOf({ lanes: [], lines: ['[A] one', '[B] two', '[A] three'], deadlock: null, processes: [] });
    expect(lanes.map((l) => [l.name, l.marks])).toEqual([
      ['A', [0, 1]],
      ['B', [0.5]],
    ]);
  });
});
