/**
 * Python's `assert cond, message` as a function: examples state an invariant (at most one thread in
 * the critical section, the total is what it should be) and a schedule that breaks it raises an
 * `AssertionError` in the thread that noticed, like CPython. The challenges (docs/challenges.md) are
 * won by making one fail: their `win` is `{ kind: 'error', includes: 'AssertionError' }`.
 *
 * Not an operation of step mode: the reads that feed `cond` (SharedInt loads) are the steps, and
 * checking a value already read cannot interleave with anything. Unlike Python's statement, it is
 * never compiled out (there is no -O).
 */
import { AssertionError } from './errors.ts';

export function assert(condition: unknown, message?: string): asserts condition {
  if (!condition) throw new AssertionError(message ?? '');
}
