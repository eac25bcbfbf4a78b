import { loadExample, startNodeRun } from '../../../src/runtime/host/node-host.ts';
import { resolveParams } from '../../../src/runtime/example-meta.ts';
import { RingReader, findBlock, readGilStats, type GilStats, type Segment } from '../../../src/runtime/gil/telemetry.ts';

export interface LabRun {
  /** The JSON lines the lab printed. */
  lines: Record<string, unknown>[];
  /** The main result line ({ case, seconds, ... }). */
  main: { case: string; seconds: number; handoffs: number; forced: number };
  stats: GilStats;
  /** Per lane: the state segments read from the rings after the run. */
  segments: Segment[][];
  names: string[];
}

/** Runs content/examples/gil-lab/lab.ts in the Node host and reads the model's block from the heap. */
export async function runLab(params: Record<string, number>): Promise<LabRun> {
  const ex = await loadExample('gil-lab/lab');
  const run = startNodeRun({ exampleUrl: ex.url, params: resolveParams(ex.meta, params), timeLimitMs: 60_000 });
  const result = await run.done;
  if (result.reason !== 'finished') throw new Error(`lab run ended: ${result.message}\n${result.output.map((l) => l.text).join('\n')}`);
  const h = new Int32Array(run.heap as SharedArrayBuffer);
  const base = findBlock(h);
  if (base === null) throw new Error('no GIL block in the heap');
  const reader = new RingReader(h, base);
  reader.poll();
  const lines = result.output.filter((l) => l.text.startsWith('{')).map((l) => JSON.parse(l.text) as Record<string, unknown>);
  const main = lines.find((l) => 'case' in l) as LabRun['main'];
  return { lines, main, stats: readGilStats(h, base), segments: reader.segments, names: reader.tids().map((t) => run.names.threads.get(t) ?? `tid ${t}`) };
}

/** The median (the mean of the middle two for an even count); NaN for no values. */
export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  if (s.length === 0) return NaN;
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
}
