/**
 * Challenge: a multi-variable atomicity violation. Read a status text with the length of another.
 *
 * The status line is two shared words: which text (an index into a table) and its length. The
 * writer replaces both, text first, then length; the reader reads both in the same order. Every
 * access is one atomic load or store, and the two threads even agree on the order, yet the pair is
 * not atomic: a reader that reads the new text and then the old length (or the reverse) has a
 * length that belongs to no text, and copies too few characters or too many. The programmer meant
 * the two words to change together; nothing made them. Lu et al. (ASPLOS 2008) found that around a
 * third of the non-deadlock bugs they examined involved more than one variable, like this one, and
 * that tools which watch one variable at a time miss them. The fix is one lock for the pair (or one
 * word holding both).
 *
 * Run forces the bad order with two events (`forced: 1`): the reader waits between its two loads
 * (as if preempted there) until the writer has stored the new text; the writer waits with the new
 * length until the reader has read it. Step mode takes them out (`forced: 0`).
 */
import { Event, SharedInt, Thread, assert, print, type ExampleMeta } from 'interleave';

export const meta: ExampleMeta = {
  title: 'Challenge: a text and the wrong length',
  summary: 'A writer updates a status text and then its length; a reader reads the text and then the length. Each access is atomic, the pair is not, and the reader can get a length that belongs to another text.',
  expect: { kind: 'error', includes: 'AssertionError' },
  step: { params: { forced: 0 } },
  challenge: {
    goal: 'Make the reader get a text together with the length of a different text, so that its assertion fails.',
    win: { kind: 'error', includes: 'AssertionError' },
    hints: [
      'Both threads go through the two words in the same order: text, then length. Same order is not the same as together.',
      'The reader is fine if it reads both before the writer starts, or both after it has finished. What is left?',
      'Let the writer store the new text, let the reader read both words, and only then let the writer store the new length.',
    ],
    order: 140,
  },
};

const TEXTS = ['idle', 'downloading 3 files'];

interface Status {
  text: SharedInt;
  length: SharedInt;
  /** Run only: the writer has stored the text; the reader has read the length. */
  forced: { textStored: Event; lengthRead: Event } | null;
}

export function writer(s: Status): void {
  s.text.store(1);
  s.forced?.textStored.set();
  s.forced?.lengthRead.wait(); // Run: preempted between its two stores, until the reader has looked
  s.length.store((TEXTS[1] as string).length);
}

export function reader(s: Status): void {
  s.forced?.textStored.wait(); // Run: arrives just after the writer's first store
  const text = TEXTS[s.text.load()] as string;
  const length = s.length.load();
  s.forced?.lengthRead.set();
  assert(length === text.length, `read "${text}" (${text.length} characters) with the length ${length}`);
  print(`status: ${text.slice(0, length)}`);
}

export default function main({ forced = 1 }: { forced?: number }): void {
  const s: Status = {
    text: new SharedInt(0),
    length: new SharedInt((TEXTS[0] as string).length),
    forced: forced === 1 ? { textStored: new Event({ name: 'text stored' }), lengthRead: new Event({ name: 'length read' }) } : null,
  };
  const threads = [new Thread(reader, [s], { name: 'T1' }), new Thread(writer, [s], { name: 'T2' })];
  for (const t of threads) t.start();
  for (const t of threads) t.join();
}
