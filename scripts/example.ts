/**
 * npm run example -- <id> [--param value ...] [--param name=value] [--time-limit ms] [--json]
 * npm run example -- <id> --schedule "<s>" [--trace] [--param name=value ...] [--json]
 *
 * Runs one example (content/examples/<id>.ts) in the Node host: threads are worker_threads, processes
 * are child processes. Prints the output lines as they come, then the result, and exits non-zero if
 * the run does not meet the example's declared expectation. Old ids (content/redirects.json) work.
 * A choice parameter takes its name or its number (`--mode free-threaded`, `--mode 1`); a boolean
 * takes true/false or 1/0.
 *
 * With --schedule, it is a step run (docs/stepping.md): the example runs with its step-mode params,
 * the schedule's choices are replayed in order, and the run is finished by choosing the lowest ready
 * thread at every later step. --trace prints each step (like OSTEP's x86.py -c): the thread, the
 * operation with its value, the TypeScript line, and the shared values after it.
 *
 * With --verify "<code>" (a challenge's verification code, docs/challenges.md), it decodes the code
 * (src/runtime/verify-code.ts, the module the challenges page uses), replays its schedule with its
 * parameters, prints the replay and the verdict, and exits 0 if the schedule wins, 1 otherwise
 * (a malformed, changed or foreign code included), with the reason.
 */
import { checkExpectation } from '../src/runtime/expectation.ts';
import { canonicalExampleId, formatLine, listExampleIds, loadExample, runExample, stepExample } from '../src/runtime/host/node-host.ts';
import { describeParam, parseParamValue } from '../src/runtime/param-values.ts';
import { formatSchedule, parseSchedule, type Schedule } from '../src/runtime/schedule.ts';
import type { StepState } from '../src/runtime/host/step-session.ts';
import { resolveStepParams } from '../src/runtime/example-meta.ts';
import { WHAT_A_CODE_PROVES, checkClaim, judgeReplay, parseVerificationCode, type ChallengeInfo } from '../src/runtime/verify-code.ts';

const argv = process.argv.slice(2);
const rawId = argv[0];
if (rawId === undefined || rawId === '--help' || rawId.startsWith('--')) {
  console.log('usage: npm run example -- <id> [--param value ...] [--param name=value] [--time-limit ms] [--json]');
  console.log('       npm run example -- <id> --schedule "1 1 2 2" [--trace] [--param name=value]   (step run, docs/stepping.md)');
  console.log('       npm run example -- <challenge id> --verify <code>   (replay a verification code, docs/challenges.md)\n\nexamples:');
  for (const e of listExampleIds()) console.log(`  ${e}`);
  process.exit(rawId === undefined || rawId === '--help' ? 0 : 2);
}
const id = rawId.endsWith('.ts') ? rawId : canonicalExampleId(rawId);
// Examples moved into one folder per article; an old id still runs, and says its new name.
if (id !== rawId) console.error(`note: example ${rawId} is now ${id}`);

// Raw values first: a choice may be named (`--mode free-threaded`), so values are read against the
// example's meta once it is loaded.
const raw: [flag: string, name: string, value: string][] = [];
let timeLimitMs: number | undefined;
let json = false;
let trace = false;
let schedule: Schedule | null = null;
let verify: string | null = null;
const fail = (message: string): never => {
  console.error(message);
  process.exit(2);
};
for (let i = 1; i < argv.length; i++) {
  const a = argv[i] as string;
  if (a === '--json') {
    json = true;
    continue;
  }
  if (a === '--trace') {
    trace = true;
    continue;
  }
  const m = /^--([\w-]+)(?:=(.*))?$/.exec(a);
  if (m === null) fail(`unexpected argument ${a}`);
  const flag = (m as RegExpExecArray)[1] as string;
  const value = (m as RegExpExecArray)[2] ?? argv[++i];
  if (flag === 'schedule') {
    try {
      schedule = parseSchedule(value ?? '');
    } catch (e) {
      fail(`--schedule: ${(e as Error).message}`);
    }
    continue;
  }
  if (flag === 'verify') {
    if (value === undefined) fail('--verify needs a code, e.g. --verify IL1-total_two-n~2-1.2x3.1x3.2-…');
    verify = value as string;
    continue;
  }
  if (flag === 'param') {
    // --param name=value (the form npm run explore takes)
    const pm = /^([\w-]+)=(.*)$/.exec(value ?? '');
    if (pm === null) fail('--param needs name=value, e.g. --param n=3');
    raw.push([`--param ${(pm as RegExpExecArray)[1]}`, (pm as RegExpExecArray)[1] as string, (pm as RegExpExecArray)[2] as string]);
    continue;
  }
  if (value === undefined) fail(`--${flag} needs a value`);
  if (flag === 'time-limit') {
    timeLimitMs = Number(value);
    if (!Number.isFinite(timeLimitMs)) fail('--time-limit needs a number');
  } else raw.push([`--${flag}`, flag, value as string]);
}

const params: Record<string, number> = {};
if (raw.length > 0) {
  const { meta } = await loadExample(id);
  for (const [flag, name, text] of raw) {
    const spec = meta.params[name];
    // Step-mode-only names (meta.step) and unknown names are plain numbers, as before.
    const v = spec ? parseParamValue(spec, text) : Number(text);
    if (v === null || !Number.isFinite(v)) fail(`${flag} needs ${spec ? describeParam(spec) : 'a number'}`);
    params[name] = v as number;
  }
}

if (verify !== null) process.exit(await verifyRun(verify));
if (schedule !== null || trace) process.exit(await stepRun(schedule ?? []));

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

/** A step run: replay, finish with the lowest ready thread, print. Returns the exit code. */
async function stepRun(s: Schedule): Promise<number> {
  let started;
  try {
    started = await stepExample(id, { params });
  } catch (e) {
    console.error((e as Error).message);
    return 2;
  }
  const { example, session } = started;
  let state: StepState = await session.ready;
  state = await session.replay(s);
  const replayError = state.error;
  let extended = 0;
  while (replayError === null && state.status === 'choosing' && state.enabled.length > 0) {
    state = await session.step(Math.min(...state.enabled));
    extended++;
  }
  session.stop();
  if (json) {
    console.log(JSON.stringify({ id: example.id, params: example.params, schedule: formatSchedule(state.schedule), history: state.history, shared: state.shared, end: state.end, error: replayError }, null, 2));
  } else {
    if (trace) printTrace(state);
    else for (const line of state.output) (line.stream === 'err' ? console.error : console.log)(formatLine(line));
    console.log('');
    console.log(`${example.id} (step run, params ${JSON.stringify(example.params)})`);
    if (replayError !== null) console.log(`replay stopped: ${replayError}`);
    console.log(`schedule: ${formatSchedule(state.schedule)}${extended > 0 ? `  (the last ${extended} chosen here: lowest ready thread)` : ''}`);
    for (const c of state.shared) console.log(`  ${c.name} = ${c.value}${c.expected === null ? '' : ` (expected ${c.expected})`}`);
    if (state.end !== null) {
      console.log(`${state.end.result.message}`);
      console.log(`expectation ${(example.meta.step?.expect ?? example.meta.expect).kind}: ${state.end.verdict.ok ? 'met' : 'NOT met'} — ${state.end.verdict.message}`);      // A challenge (docs/challenges.md) is judged by its win as well: the terminal says whether a schedule solves it.
      const win = example.meta.challenge?.win;
      if (win !== undefined) {
        const v = checkExpectation(win, state.end.result);
        console.log(`challenge: ${v.ok ? 'solved' : 'not solved'} — ${v.message}`);
      }
    }
  }
  if (replayError !== null) return 2;
  return state.end?.verdict.ok === true ? 0 : 1;
}

/** --verify: decode, replay from the start with the code's parameters, judge. Returns the exit code. */
async function verifyRun(code: string): Promise<number> {
  const reject = (message: string): number => {
    console.log(`${id}: NOT verified — ${message}`);
    return 1;
  };
  const parsed = parseVerificationCode(code);
  if (!parsed.ok) return reject(parsed.problem.message);
  if (parsed.claim.id !== id) {
    return reject(`this code is for ${parsed.claim.id}, not ${id}: npm run example -- ${parsed.claim.id} --verify ${code.replace(/\s+/g, '')}`);
  }
  let info: ChallengeInfo | undefined;
  try {
    const { meta } = await loadExample(id);
    if (meta.challenge && meta.step) info = { id, title: meta.title, win: meta.challenge.win, params: resolveStepParams(meta), ranges: meta.step.ranges };
  } catch {
    info = undefined;
  }
  const checked = checkClaim(parsed.claim, info);
  if (!checked.ok) return reject(checked.problem.message);
  const { claim, challenge } = checked;
  // Only the parameters a step run may set are passed; checkClaim made sure the others are the step values.
  const given = Object.fromEntries(Object.entries(claim.params).filter(([k]) => k in challenge.ranges));
  const { session } = await stepExample(id, { params: given });
  let state: StepState;
  try {
    await session.ready;
    state = await session.replay(claim.schedule);
  } finally {
    session.stop();
  }
  const params = Object.entries(claim.params).map(([k, v]) => `${k} = ${v}`).join(', ') || 'none';
  console.log(`${id}: "${challenge.title}", step-mode parameters ${params}`);
  console.log(`replaying ${claim.schedule.length} steps: ${formatSchedule(claim.schedule)}\n`);
  printTrace(state);
  const verdict = judgeReplay(claim, challenge, state);
  console.log('');
  console.log(`${id}: ${verdict.ok ? 'verified' : 'NOT verified'} — ${verdict.message}`);
  console.log(WHAT_A_CODE_PROVES);
  return verdict.ok ? 0 : 1;
}

function printTrace(state: StepState): void {
  const names = state.shared.map((c) => c.name);
  // Like x86.py -c: one line per step, the memory (named counters) after it in the last columns.
  const counters = [...new Set(state.history.flatMap((r) => r.after.map((a) => a.name)))];
  console.log(`${'step'.padStart(4)}  ${'thread'.padEnd(10)} ${'operation'.padEnd(30)} ${'where'.padEnd(36)} ${counters.map((c) => c.padStart(6)).join(' ')}`);
  for (const r of state.history) {
    const where = r.location === null ? '' : `${r.location.file}:${r.location.line}`;
    const mem = counters.map((c) => String(r.after.find((a) => a.name === c)?.value ?? '').padStart(Math.max(6, c.length))).join(' ');
    console.log(`${String(r.index).padStart(4)}  ${r.name.padEnd(10)} ${r.text.replace(/^[^:]+: /, '').padEnd(30)} ${(where + (r.auto ? ' (auto)' : '')).padEnd(36)} ${mem}`);
  }
  for (const line of state.output) console.log(`  output ${formatLine(line)}`);
  if (names.length > 0) console.log(`final: ${state.shared.map((c) => `${c.name} = ${c.value}`).join(', ')}`);
}
