/**
 * npm run explore -- <id> [--param name=value ...] [--bound n] [--prune] [--max n] [--compare N] [--json]
 *
 * Runs the example in step mode under every schedule (past 5,000, or with --bound n, every schedule
 * with at most 2, or n, preemptions) and prints how many schedules ran, the histogram of outcomes, and the first
 * schedule that breaks correctness, replayable with `npm run example -- <id> --schedule "..."`.
 * --prune adds sleep sets (skips schedules that only reorder independent steps) and, to say how
 * much that saved, also runs the full search. --param takes values in the example's step ranges.
 * --compare N then runs the example N times for real (ordinary Runs on worker_threads, no step
 * hooks, same params) and prints what they showed next to what Explore found possible.
 * docs/stepping.md has the method.
 */
import { canonicalExampleId, exploreExample, nodePlatform } from '../src/runtime/host/node-host.ts';
import { compareOutcomes, FEW_OUTCOMES_NOTE, realRuns, type Comparison } from '../src/runtime/host/compare.ts';
import { formatSchedule } from '../src/runtime/schedule.ts';

const argv = process.argv.slice(2);
const rawId = argv[0];
if (rawId === undefined || rawId === '--help' || rawId.startsWith('--')) {
  console.log('usage: npm run explore -- <id> [--param name=value ...] [--bound n] [--prune] [--max n] [--compare N] [--json]');
  process.exit(rawId === undefined || rawId === '--help' ? 0 : 2);
}
const id = rawId.endsWith('.ts') ? rawId : canonicalExampleId(rawId);
const params: Record<string, number> = {};
let bound: number | undefined;
let max: number | undefined;
let prune = false;
let json = false;
let compareRuns: number | undefined;
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
  } else if (a === '--bound' || a === '--max' || a === '--compare') {
    const v = Number(argv[++i]);
    if (!Number.isInteger(v) || v < 0) fail(`${a} needs a whole number`);
    if (a === '--bound') bound = v;
    else if (a === '--compare') compareRuns = v;
    else max = v;
  } else fail(`unexpected argument ${a}`);
}

let out;
try {
  // Exhaustive up to 5,000 schedules, then every schedule with at most 2 preemptions (unless --bound).
  out = await exploreExample(id, { params, ...(bound !== undefined ? { bound } : { exhaustiveLimit: 5000 }), ...(max !== undefined ? { maxSchedules: max } : {}), prune: prune ? 'sleep-sets' : 'none' });
} catch (e) {
  fail((e as Error).message);
}
const { example, report } = out as NonNullable<typeof out>;
let full = null;
if (prune) full = (await exploreExample(id, { params, ...(bound !== undefined ? { bound } : {}), ...(max !== undefined ? { maxSchedules: max } : {}) })).report;
// Side by side: the same compiled module and params, run for real (one outcome function for both).
let comparison: Comparison | null = null;
if (compareRuns !== undefined) {
  const seen = await realRuns(nodePlatform, { exampleUrl: example.url, params: example.params, runs: compareRuns, timeLimitMs: example.meta.timeLimitMs });
  comparison = compareOutcomes(report, seen);
}
if (json) {
  console.log(JSON.stringify({ id: example.id, params: example.params, report, full, comparison }, null, 2));
  process.exit(0);
}
const method = report.method === 'exhaustive' ? 'every schedule' : `every schedule with at most ${report.bound} preemption${report.bound === 1 ? '' : 's'} (CHESS preemption bounding)`;
console.log(`${example.id}, step params ${JSON.stringify(example.params)}: ${method}${prune ? ', pruned with sleep sets' : ''}`);
if (report.exhaustiveTried !== null) console.log(`every schedule would be more than ${report.exhaustiveTried}: searched those with at most ${report.bound} preemptions instead`);
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
if (comparison !== null) {
  console.log('');
  console.log(`${comparison.line}  (same params, ordinary Runs on worker_threads)`);
  const w = Math.max(7, ...comparison.rows.map((r) => r.label.length));
  console.log(`  ${'outcome'.padEnd(w)}  possible (schedules)  seen (real runs)`);
  for (const r of comparison.rows) {
    console.log(`  ${r.label.padEnd(w)}  ${(r.possible === null ? 'NOT FOUND BY EXPLORE' : String(r.possible)).padStart(20)}  ${String(r.seen).padStart(16)}`);
  }
  console.log(`  ${'total'.padEnd(w)}  ${String(report.schedules).padStart(20)}  ${String(comparison.runs).padStart(16)}`);
  if (comparison.warning !== null) console.log(`\n!!! ${comparison.warning}`);
  console.log(FEW_OUTCOMES_NOTE);
}
process.exit(0);
