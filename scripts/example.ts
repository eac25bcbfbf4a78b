/**
 * npm run example -- <id> [--param value ...] [--time-limit ms] [--json]
 *
 * Runs one example (content/examples/<id>.ts) in the Node host: threads are worker_threads, processes
 * are child processes. Prints the output lines as they come, then the result, and exits non-zero if
 * the run does not meet the example's declared expectation.
 */
import { readFileSync } from 'node:fs';
import { formatLine, listExampleIds, runExample } from '../src/runtime/host/node-host.ts';
import { currentExampleId, parseExampleRedirects } from '../src/lib/example-redirects.ts';

const argv = process.argv.slice(2);
const asked = argv[0];
// Examples moved into one folder per article; an old id still runs, and says its new name.
const redirects = parseExampleRedirects(JSON.parse(readFileSync(new URL('../content/redirects.json', import.meta.url), 'utf8')));
const id = asked === undefined ? undefined : currentExampleId(redirects, asked);
if (asked !== undefined && id !== asked) console.error(`note: example ${asked} is now ${id}`);
if (id === undefined || id === '--help' || id.startsWith('--')) {
  console.log('usage: npm run example -- <id> [--param value ...] [--time-limit ms] [--json]\n\nexamples:');
  for (const e of listExampleIds()) console.log(`  ${e}`);
  process.exit(id === undefined || id === '--help' ? 0 : 2);
}

const params: Record<string, number> = {};
let timeLimitMs: number | undefined;
let json = false;
for (let i = 1; i < argv.length; i++) {
  const a = argv[i] as string;
  if (a === '--json') {
    json = true;
    continue;
  }
  const m = /^--([\w-]+)(?:=(.*))?$/.exec(a);
  if (m === null) {
    console.error(`unexpected argument ${a}`);
    process.exit(2);
  }
  const value = Number(m[2] ?? argv[++i]);
  if (!Number.isFinite(value)) {
    console.error(`--${m[1]} needs a number`);
    process.exit(2);
  }
  if (m[1] === 'time-limit') timeLimitMs = value;
  else params[m[1] as string] = value;
}

const run = await runExample(id, {
  params,
  ...(timeLimitMs !== undefined ? { timeLimitMs } : {}),
  ...(json ? {} : { onOutput: (line) => (line.stream === 'err' ? console.error : console.log)(formatLine(line)) }),
});
const { result, verdict } = run;
if (json) {
  console.log(JSON.stringify({ id: run.id, params: run.params, result, verdict }, null, 2));
} else {
  console.log('');
  console.log(`${run.id}: ${result.message} (${result.wallMs.toFixed(0)} ms, params ${JSON.stringify(run.params)})`);
  for (const t of result.threads) {
    const ms = t.startMs !== null && t.endMs !== null ? `${(t.endMs - t.startMs).toFixed(1)} ms` : '-';
    console.log(`  ${t.name.padEnd(14)} ${t.state.padEnd(8)} ${ms}`);
  }
  for (const c of result.counters) console.log(`  counter ${c.name} = ${c.value}${c.expected === null ? '' : ` (expected ${c.expected})`}`);
  if (result.deadlock) console.log(`  deadlock: ${result.deadlock.text}`);
  console.log(`expectation ${run.meta.expect.kind}: ${verdict.ok ? 'met' : 'NOT met'} — ${verdict.message}`);
}
process.exit(verdict.ok ? 0 : 1);
