/**
 * npm run explore -- <id> [--param name=value ...] [--bound n] [--prune] [--max n] [--json]
 *
 * Runs the example in step mode under every schedule (or, with --bound n, every schedule with at
 * most n preemptions) and prints how many schedules ran, the histogram of outcomes, and the first
 * schedule that breaks correctness, replayable with `npm run example -- <id> --schedule "..."`.
 * --prune adds sleep sets (skips schedules that only reorder independent steps) and, to say how
 * much that saved, also runs the full search. --param takes values in the example's step ranges.
 * docs/stepping.md has the method.
 */
import { canonicalExampleId, exploreExample } from '../src/runtime/host/node-host.ts';
import { formatSchedule } from '../src/runtime/schedule.ts';

const argv = process.argv.slice(2);
const rawId = argv[0];
if (rawId === undefined || rawId === '--help' || rawId.startsWith('--')) {
  console.log('usage: npm run explore -- <id> [--param name=value ...] [--bound n] [--prune] [--max n] [--json]');
  process.exit(rawId === undefined || rawId === '--help' ? 0 : 2);
}
const id = rawId.endsWith('.ts') ? rawId : canonicalExampleId(rawId);
const params: Record<string, number> = {};
let bound: number | undefined;
let max: number | undefined;
let prune = false;
let json = false;
const fail = (m: string): never => {
  console.error(m);
  process.exit(2);
};
for (let i = 1; i < argv.length; i++) {
  const a = argv[i] as string;
  if (a === '--prune') prune = true;
  else if (a === '--json') json = true;
  else if (a === '--param') {
    const pm = /^([\w-]+)=(-?[\d.]+)$/.exec(argv[++i] ?? '');
    if (pm === null) fail('--param needs name=value, e.g. --param n=3');
    params[(pm as RegExpExecArray)[1] as string] = Number((pm as RegExpExecArray)[2]);
  } else if (a === '--bound' || a === '--max') {
    const v = Number(argv[++i]);
    if (!Number.isInteger(v) || v < 0) fail(`${a} needs a whole number`);
    if (a === '--bound') bound = v;
    else max = v;
  } else fail(`unexpected argument ${a}`);
}

let out;
try {
  out = await exploreExample(id, { params, ...(bound !== undefined ? { bound } : {}), ...(max !== undefined ? { maxSchedules: max } : {}), prune: prune ? 'sleep-sets' : 'none' });
} catch (e) {
  fail((e as Error).message);
}
const { example, report } = out as NonNullable<typeof out>;
let full = null;
if (prune) full = (await exploreExample(id, { params, ...(bound !== undefined ? { bound } : {}), ...(max !== undefined ? { maxSchedules: max } : {}) })).report;
if (json) {
  console.log(JSON.stringify({ id: example.id, params: example.params, report, full }, null, 2));
  process.exit(0);
}
const method = report.method === 'exhaustive' ? 'every schedule' : `every schedule with at most ${report.bound} preemption${report.bound === 1 ? '' : 's'} (CHESS preemption bounding)`;
console.log(`${example.id}, step params ${JSON.stringify(example.params)}: ${method}${prune ? ', pruned with sleep sets' : ''}`);
console.log(`schedules: ${report.schedules}${report.complete ? '' : ' (stopped at the limit: not exhaustive)'}`);
console.log(`${prune ? 'outcomes (schedules per class, not per interleaving)' : 'outcomes'}: ${report.histogram}`);
if (full !== null) {
  const same = full.outcomes.map((o) => o.label).join('|') === report.outcomes.map((o) => o.label).join('|');
  console.log(`sleep sets: ${report.schedules} schedules instead of ${full.schedules} (${Math.round((1 - report.schedules / full.schedules) * 100)}% fewer); same outcomes: ${same ? 'yes' : 'NO'}; full histogram: ${full.histogram}`);
}
if (report.firstFailure !== null) {
  console.log(`first failing schedule: ${formatSchedule(report.firstFailure.schedule)}  →  ${report.firstFailure.label} (${report.firstFailure.message})`);
  console.log(`replay it: npm run example -- ${example.id} --schedule "${formatSchedule(report.firstFailure.schedule)}" --trace${Object.keys(params).length > 0 ? ` ${Object.entries(params).map(([k, v]) => `--param ${k}=${v}`).join(' ')}` : ''}`);
} else {
  console.log(report.summary);
}
console.log(`${report.schedulesPerSecond.toFixed(0)} schedules/s (${(report.elapsedMs / 1000).toFixed(2)} s, worker start-up included)`);
process.exit(0);
