/**
 * A recorded run (scripts/build-examples.ts) as lanes on a 0..1 time axis, for the preview image:
 * one lane per thread from its start to its end, ending the way the thread ended (done, blocked on
 * what, cut off by the time limit). A run without shared memory (processes) has no thread telemetry
 * beyond MainThread; its lanes are the printers, with a dot where each output line came, in order.
 */
import type { LaneSpan } from './cards.ts';

export interface RecordedLanes {
  lanes: { name: string; startMs: number | null; endMs: number | null; state: string; waitingFor: string | null }[];
  /** "[T1] text" lines, as the page shows them. */
  lines: string[];
  deadlock: string | null;
  /** Processes the run started; they share no memory, so their times are not measured. */
  processes: { name: string; exitCode: number | null }[];
}

export function lanesOf(rec: RecordedLanes): LaneSpan[] {
  const timed = rec.lanes.filter((l) => l.startMs !== null);
  const printers = new Map<string, number[]>();
  rec.lines.forEach((line, i) => {
    const name = /^\[([^\]]+)\]/.exec(line)?.[1] ?? 'output';
    const marks = printers.get(name) ?? [];
    marks.push(rec.lines.length > 1 ? i / (rec.lines.length - 1) : 0.5);
    printers.set(name, marks);
  });
  // A process is drawn as an outline over the run's span: it ran within it, but when exactly is not
  // measured (no shared memory to write its times into).
  const processes = rec.processes.map(
    (p): LaneSpan => ({
      name: p.name,
      from: 0,
      to: 1,
      marks: [],
      end: p.exitCode === 0 ? 'done' : 'failed',
      note: p.exitCode === null ? 'still running' : `exit code ${p.exitCode}`,
      outline: true,
    }),
  );
  // Processes have no thread telemetry beyond MainThread; without processes to show, the printers
  // tell more than MainThread's one bar.
  if (timed.length > 1 || (timed.length === 1 && (printers.size <= 1 || processes.length > 0))) {
    const t0 = Math.min(...timed.map((l) => l.startMs ?? 0));
    const t1 = Math.max(...timed.map((l) => l.endMs ?? l.startMs ?? 0));
    const span = Math.max(t1 - t0, 1e-9);
    const threads = timed.map((l): LaneSpan => {
      const end = endOf(l.state);
      return {
        name: l.name,
        from: ((l.startMs ?? t0) - t0) / span,
        to: ((l.endMs ?? t1) - t0) / span,
        marks: [],
        end,
        note: end === 'blocked' ? (l.waitingFor ? `waits for ${l.waitingFor}` : 'blocked') : end === 'failed' ? 'raised' : end === 'running' ? 'still running' : null,
        outline: false,
      };
    });
    return [...threads, ...processes];
  }
  const printed = [...printers].map(([name, marks]): LaneSpan => ({ name, from: 0, to: 1, marks, end: 'done', note: null, outline: false }));
  return [...printed, ...processes];
}

function endOf(state: string): LaneSpan['end'] {
  if (state === 'done') return 'done';
  if (state === 'failed') return 'failed';
  if (state === 'blocked') return 'blocked';
  return 'running';
}
