/**
 * Polite announcements for screen readers, at most one per second: a run can change its
 * counters thousands of times a second, and a live region that speaks each change is noise.
 * The latest message wins; older unspoken ones are dropped. Time is performance.now(): monotonic,
 * unlike Date.now(), which a clock adjustment can move backwards.
 */
export class Announcer {
  #pending: string | null = null;
  #last = -Infinity;
  #timer: ReturnType<typeof setTimeout> | null = null;
  #write: (text: string) => void;
  readonly intervalMs: number;

  constructor(write: (text: string) => void, intervalMs = 1000) {
    this.#write = write;
    this.intervalMs = intervalMs;
  }

  say(text: string): void {
    this.#pending = text;
    const wait = this.#last + this.intervalMs - performance.now();
    if (wait <= 0) this.#flush();
    else this.#timer ??= setTimeout(() => this.#flush(), wait);
  }

  #flush(): void {
    this.#timer = null;
    if (this.#pending === null) return;
    this.#write(this.#pending);
    this.#pending = null;
    this.#last = performance.now();
  }

  dispose(): void {
    if (this.#timer) clearTimeout(this.#timer);
  }
}
