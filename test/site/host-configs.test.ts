/**
 * Every host config is what src/isolation-headers.mjs generates (one source of truth), and the CSP's
 * script hashes are exactly the inline scripts the build has: a changed inline script (ours, or
 * Astro's island loader after an update) fails here, before a browser would refuse it.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as source from '../../src/isolation-headers.mjs';
import { inlineScriptHashes } from '../../src/csp-hashes.mjs';
import { hostConfigFiles } from '../../scripts/lib/host-configs.mjs';
import { inlineScripts } from '../../scripts/lib/inline-scripts.mjs';
import { builtPages, distDir } from './pages';

const UPDATE = 'run `npm run build && npm run headers:update` and commit the result';

describe('host configs', () => {
  for (const [file, generate] of Object.entries(hostConfigFiles)) {
    it(`${file} is generated from src/isolation-headers.mjs`, () => {
      const committed = readFileSync(new URL(`../../${file}`, import.meta.url), 'utf8');
      expect(committed, `${file} differs from its source: ${UPDATE}`).toBe(generate(source));
    });
  }

  it('the built site ships public/_headers unchanged (Netlify and Cloudflare Pages read it from dist/)', () => {
    expect(readFileSync(`${distDir}/_headers`, 'utf8')).toBe(readFileSync(new URL('../../public/_headers', import.meta.url), 'utf8'));
  });

  it('vercel.json sends the CSP and isolation headers everywhere, DIP on /embed/', () => {
    const config = JSON.parse(readFileSync(new URL('../../vercel.json', import.meta.url), 'utf8')) as {
      headers: { source: string; headers: { key: string; value: string }[] }[];
    };
    const rule = (s: string) => Object.fromEntries(config.headers.find((h) => h.source === s)?.headers.map((h) => [h.key, h.value]) ?? []);
    expect(rule('/(.*)')).toEqual({ ...source.isolationHeaders, ...source.securityHeaders });
    expect(rule('/embed/(.*)')).toEqual(source.embedHeaders);
  });
});

describe('Content-Security-Policy script hashes', () => {
  it('are exactly the inline scripts of the build', () => {
    const found = inlineScripts(distDir);
    const describe = (h: string) => `${h} (${found.get(h)?.start} on ${found.get(h)?.pages.slice(0, 2).join(', ')})`;
    expect([...found.keys()].sort().map(describe), `inline scripts changed: ${UPDATE}`).toEqual([...inlineScriptHashes].sort().map(describe));
  });

  it('no page has an inline event handler or javascript: URL (hashes do not cover them)', () => {
    const offenders = builtPages().filter((p) => /\son[a-z]+="|href="javascript:/i.test(p.html)).map((p) => p.url);
    expect(offenders).toEqual([]);
  });
});
