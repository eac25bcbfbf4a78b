/** The build-time fold of `meta` in displayed sources: every example has one, and the parts are the file. */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { foldMeta } from '../../../src/lib/fold-meta.ts';

const dir = join(import.meta.dirname, '../../../content/examples');
const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));

describe('foldMeta', () => {
  it('finds the meta of every example, and the three parts join back into the file', () => {
    expect(files.length).toBeGreaterThan(10);
    for (const f of files) {
      const source = readFileSync(join(dir, f), 'utf8');
      const folded = foldMeta(source);
      expect(folded.meta, f).not.toBeNull();
      expect(folded.meta!.startsWith('export const meta'), f).toBe(true);
      expect([folded.before, folded.meta, folded.after].join('\n'), f).toBe(source);
      expect(folded.fields, f).toContain('title');
      expect(folded.fields, f).toContain('expect');
      expect(folded.after, f).toContain('export default');
    }
  });

  it('leaves a file without meta whole', () => {
    expect(foldMeta('const a = 1;\n')).toEqual({ before: 'const a = 1;\n', meta: null, after: '', fields: [] });
  });
});
