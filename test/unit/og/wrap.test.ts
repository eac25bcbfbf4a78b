/** Title wrapping for the preview images, with a fixed-width "font": 10 px a character. */
import { describe, expect, it } from 'vitest';
import { fitText, wrapWords } from '../../../src/lib/og/wrap.ts';

const mono = (s: string) => s.length * 10;

describe('wrapWords', () => {
  it('breaks between words so that no line is wider than the limit', () => {
    expect(wrapWords('two threads one counter no lock', 110, mono)).toEqual(['two threads', 'one counter', 'no lock']);
  });
  it('keeps a word wider than the line whole, on a line of its own', () => {
    expect(wrapWords('a supercalifragilistic b', 100, mono)).toEqual(['a', 'supercalifragilistic', 'b']);
  });
});

describe('fitText', () => {
  const measure = (s: string, size: number) => s.length * size;
  it('takes the largest size at which the text fits in the lines allowed', () => {
    expect(fitText('aaaa bbbb cccc', { sizes: [20, 10], maxWidth: 100, maxLines: 2, measure })).toEqual({ size: 10, lines: ['aaaa bbbb', 'cccc'] });
    expect(fitText('aaaa', { sizes: [10, 20], maxWidth: 100, maxLines: 1, measure })).toEqual({ size: 20, lines: ['aaaa'] });
  });
  it('at the smallest size, cuts what does not fit and ends with an ellipsis no wider than the line', () => {
    const r = fitText('aaaa bbbb cccc dddd eeee', { sizes: [10], maxWidth: 90, maxLines: 2, measure });
    expect(r.lines).toEqual(['aaaa bbbb', 'cccc ddd…']);
    expect(r.lines.every((l) => measure(l, 10) <= 90)).toBe(true);
  });
});
