/**
 * print(): output lines in order, tagged with the thread's name.
 *
 * Order: each line takes the next number of the heap's global print sequence (Atomics.add on
 * H_PRINT_SEQ) before it is posted, so the host can put lines from different workers back into the
 * order in which they were printed, whatever order their messages arrive in. Without a heap (a
 * process, or a page without cross-origin isolation) lines are ordered by arrival.
 */
import { ctx, post } from './context.ts';
import { H_PRINT_SEQ } from './layout.ts';

/** Python's str() for the values examples print. */
export function format(v: unknown): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'bigint' || typeof v === 'boolean' || v === null || v === undefined) return String(v);
  if (v instanceof Error) return `${v.name}: ${v.message}`;
  if (Array.isArray(v)) return `[${v.map((x) => (typeof x === 'string' ? JSON.stringify(x) : format(x))).join(', ')}]`;
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
}

function emit(stream: 'out' | 'err', text: string): void {
  // The sequence number is taken atomically, so two threads printing at once still get an order.
  const seq = ctx.heap === null ? -1 : Atomics.add(ctx.heap, H_PRINT_SEQ, 1);
  post({ type: 'print', seq, thread: ctx.name, stream, text });
}

/** Prints one line (values joined by spaces, like Python's print). */
export function print(...values: unknown[]): void {
  emit('out', values.map(format).join(' '));
}

/** Internal: prints to the error stream (tracebacks). */
export function printError(text: string): void {
  emit('err', text);
}
