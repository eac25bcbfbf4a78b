/**
 * Output lines back in print order. Each `print` in a worker takes a global sequence number from the
 * heap (Atomics.add on H_PRINT_SEQ) before posting; messages from different workers arrive in any
 * order, so a line is held until every line numbered before it has arrived. Without a heap (a
 * message-only run) there are no numbers and arrival order is the order (seq -1).
 *
 * Host side, platform-neutral: the Run owns one, and flushes it when the run ends (lines whose
 * predecessors never came, because their worker was ended mid-print, then go out in number order).
 */
import type { OutputLine } from './run.ts';

export class PrintOrder {
  readonly lines: OutputLine[] = [];
  #held = new Map<number, Omit<OutputLine, 'seq'>>();
  #next = 0;
  #emit: (line: OutputLine) => void;

  constructor(onLine: (line: OutputLine) => void = () => {}) {
    this.#emit = (line) => {
      this.lines.push(line);
      onLine(line);
    };
  }

  /** A line with its global number (or -1 when the run has no heap). */
  add(seq: number, line: Omit<OutputLine, 'seq'>): void {
    if (seq < 0) {
      this.#emit({ seq: this.lines.length, ...line });
      return;
    }
    this.#held.set(seq, line);
    // Emit every line whose predecessors have all arrived.
    for (let next = this.#held.get(this.#next); next !== undefined; next = this.#held.get(this.#next)) {
      this.#held.delete(this.#next++);
      this.#emit({ seq: this.lines.length, ...next });
    }
  }

  /** The run ended: whatever is still held goes out in number order. */
  flush(): void {
    for (const seq of [...this.#held.keys()].sort((a, b) => a - b)) {
      const line = this.#held.get(seq);
      if (line !== undefined) this.#emit({ seq: this.lines.length, ...line });
    }
    this.#held.clear();
  }
}
