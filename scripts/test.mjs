// @ts-check
/**
 * `npm test`: every check, in order: type check → unit tests → GIL calibration → production build → end-to-end
 * and built-site tests in Chromium → the same site in Firefox and in WebKit (test/engines/, one suite
 * per engine, docs/browsers.md). It keeps going after a failure where later steps can still
 * say something useful, and ends with one line: `N passed, N failed` (Vitest tests, plus one
 * for each non-Vitest step).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';

if (Number(process.versions.node.split('.')[0]) !== 24) {
  console.error(`npm test needs the pinned Node 24, got ${process.version} (${process.execPath}).`);
  console.log('0 passed, 1 failed');
  process.exit(1);
}

const results = 'test-results';
rmSync(results, { recursive: true, force: true });
mkdirSync(results, { recursive: true });
let passed = 0;
let failed = 0;
/** @type {string[]} */
const summary = [];
/** Each failed test, named in the closing summary so the last lines of a CI log say what broke. @type {string[]} */
const failures = [];

/** @param {string} name @param {string} cmd @param {string[]} args @param {Record<string, string>} [env] */
function step(name, cmd, args, env = {}) {
  console.log(`\n=== ${name}: ${Object.entries(env).map(([k, v]) => `${k}=${v} `).join('')}${cmd} ${args.join(' ')}`);
  const started = Date.now();
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, FORCE_COLOR: '0', ...env } });
  const ok = r.status === 0;
  summary.push(`${ok ? 'ok    ' : 'FAILED'} ${name} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  return ok;
}

/** Counts from a Vitest JSON report; a run that wrote none failed to start. @param {string} file */
function vitestCounts(file) {
  if (!existsSync(file)) return { passed: 0, failed: 1 };
  const report = JSON.parse(readFileSync(file, 'utf8'));
  // A file that failed with no test results (a syntax or import error) counts as one failure.
  let failedSuites = 0;
  for (const suite of report.testResults) {
    const file = path.relative(process.cwd(), suite.name);
    if (suite.status === 'failed' && suite.assertionResults.length === 0) {
      failedSuites++;
      failures.push(`${file}: ${firstLine(suite.message)}`);
    }
    for (const t of suite.assertionResults) {
      if (t.status === 'failed') failures.push(`${file} > ${t.fullName}: ${firstLine(t.failureMessages?.[0])}`);
    }
  }
  return { passed: report.numPassedTests, failed: report.numFailedTests + failedSuites };
}

/** The first line of a failure, short enough for a CI log's tail. @param {unknown} message */
function firstLine(message) {
  return String(message ?? '').split('\n')[0]?.slice(0, 300) ?? '';
}

/** @param {string} name @param {string[]} args @param {string} out @param {Record<string, string>} [env] */
function vitest(name, args, out, env) {
  const ok = step(name, 'vitest', ['run', ...args, '--reporter=default', '--reporter=json', `--outputFile.json=${out}`], env);
  const c = vitestCounts(out);
  passed += c.passed;
  failed += c.failed;
  // A runner that fails with every test green (e.g. an unhandled error) still fails the run.
  if (!ok && c.failed === 0) failed++;
  return ok;
}

/** @param {string} name @param {string} cmd @param {string[]} args */
function counted(name, cmd, args) {
  const ok = step(name, cmd, args);
  if (ok) passed++;
  else failed++;
  return ok;
}

counted('type check', 'astro', ['check']);
vitest('unit, runtime, example and snippet tests', [], `${results}/unit.json`);
vitest('GIL model calibration against CPython', ['--config', 'test/calibration/vitest.config.ts'], `${results}/calibration.json`);
const built = counted('production build', 'astro', ['build']);
if (built) {
  vitest('end-to-end and built-site tests (Chromium)', ['--config', 'test/e2e/vitest.config.ts'], `${results}/e2e.json`);
  // The same built site in the two other engines readers use (Debian's firefox-esr over WebDriver
  // BiDi; WebKitGTK's MiniBrowser over WebDriver, on Xvfb). Each prints its figures at its end.
  for (const { engine, label } of [{ engine: 'firefox', label: 'Firefox' }, { engine: 'webkit', label: 'WebKit' }]) {
    vitest(`${label} suite`, ['--config', 'test/engines/vitest.config.ts'], `${results}/engine-${engine}.json`, { ENGINE: engine });
  }
} else {
  summary.push('SKIPPED end-to-end tests and the Firefox and WebKit suites: the build failed');
  failed++;
}

console.log(`\n=== summary\n${summary.join('\n')}`);
if (failures.length) console.log(`\nfailed tests:\n${failures.map((f) => `  ${f}`).join('\n')}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
