import { fileURLToPath } from 'node:url';
import { runExample, type ExampleRun, type RunExampleOptions } from '../../../src/runtime/host/node-host.ts';

/** The path of a fixture module, test/unit/runtime/fixtures/<name>.ts. */
export function fixtureFile(name: string): string {
  return fileURLToPath(new URL(`./fixtures/${name}.ts`, import.meta.url));
}

/** Runs a fixture module (test/unit/runtime/fixtures/<name>.ts) in the Node host. */
export function runFixture(name: string, options: RunExampleOptions = {}): Promise<ExampleRun> {
  return runExample(fixtureFile(name), options);
}

export function text(run: ExampleRun): string {
  return run.result.output.map((l) => l.text).join('\n');
}

export function counterValue(run: ExampleRun, name: string): number | undefined {
  return run.result.counters.find((c) => c.name === name)?.value;
}
