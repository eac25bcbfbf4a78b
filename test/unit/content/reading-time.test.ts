/** Reading time for schema.org timeRequired: prose words only, 200 a minute, in ISO 8601. */
import { describe, expect, it } from 'vitest';
import { isoDuration, proseWords, readingMinutes } from '../../../src/lib/reading-time.ts';

describe('reading time', () => {
  it('counts prose, not frontmatter, code, imports, tags or heading ids', () => {
    const mdx = "---\ntitle: A B C\n---\nimport X from 'y';\n\n## Two words {#two-words}\n\n```ts\nconst not = counted;\n```\n\n<Example id=\"a/b\" />\nIt's three words.";
    expect(proseWords(mdx)).toBe(5);
  });
  it('rounds up to 5 minutes at 200 words a minute, never under 5', () => {
    expect(readingMinutes(1)).toBe(5);
    expect(readingMinutes(2001)).toBe(15);
    expect(readingMinutes(8480)).toBe(45);
  });
  it('writes ISO 8601 durations', () => {
    expect(isoDuration(40)).toBe('PT40M');
    expect(isoDuration(60)).toBe('PT1H');
    expect(isoDuration(95)).toBe('PT1H35M');
  });
});
