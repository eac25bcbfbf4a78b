import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { runExample, type ExampleRun } from '../../../src/runtime/host/node-host.ts';

/** Runs a fixture (./fixtures/<name>.ts) in the Node host: real workers, the path examples take. */
export function runFixture(name: string, params: Record<string, number> = {}, timeLimitMs?: number): Promise<ExampleRun> {
  return runExample(fileURLToPath(new URL(`./fixtures/${name}.ts`, import.meta.url)), { params, ...(timeLimitMs === undefined ? {} : { timeLimitMs }) });
}

/** At most two runs at once (two cores; the cases' own timing asserts allow 0.6x..10x). */
let running = 0;
const queue: (() => void)[] = [];
async function limited<T>(f: () => Promise<T>): Promise<T> {
  if (running >= 2) await new Promise<void>((resolve) => queue.push(resolve));
  running++;
  try {
    return await f();
  } finally {
    running--;
    queue.shift()?.();
  }
}

/**
 * One `it` per ported Python case, named after it ("LockTests.test_acquire_contended"); each case
 * runs in its own run (the fixture's `case` parameter) and passes when the run finishes cleanly and
 * prints "PASS <name>". A failed assert or an unexpected exception in any thread fails the run.
 */
export function portedCases(fixture: string, names: readonly string[]): void {
  names.forEach((name, index) => {
    it.concurrent(name, async () => {
      const r = await limited(() => runFixture(fixture, { case: index }));
      const errors = r.result.errors.map((e) => e.traceback).join('\n');
      expect(r.result.reason, `${r.result.message}\n${errors}`).toBe('finished');
      expect(r.result.output.map((l) => l.text)).toContain(`PASS ${name}`);
    });
  });
}
