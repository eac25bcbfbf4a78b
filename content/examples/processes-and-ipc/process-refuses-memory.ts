/**
 * What happens when you try to hand a Process a piece of shared memory in this runtime: start()
 * refuses, with a TypeError that says what to use instead.
 *
 * Real operating systems can share memory between processes (shm_open and mmap, Python's
 * multiprocessing.shared_memory); this runtime's processes deliberately cannot, so that everything
 * that crosses between them is visibly a copy. The error is the point of the example, declared in
 * its expectation.
 */
import { Process, counter, print, type ExampleMeta, type SharedInt } from 'interleave';

export const meta: ExampleMeta = {
  title: 'A process cannot take shared memory here',
  summary: 'Passing a SharedInt to a Process is refused at start(): processes in this runtime share nothing, so the error names ProcessQueue and Pipe.',
  expect: { kind: 'error', includes: 'cannot be passed to a Process' },
};

export function add(v: SharedInt): void {
  v.value += 1;
}

export default function main(): void {
  const v = counter('value');
  print('starting a process with a SharedInt argument ...');
  new Process(add, [v], { name: 'adder' }).start(); // throws TypeError
  print('not reached');
}
