/** The static-host header file sends exactly the isolation headers our servers send. */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { inject } from 'vitest';
import { isolationHeaders } from '../../src/isolation-headers.mjs';

describe('cross-origin isolation headers', () => {
  it('public/_headers lists every header of src/isolation-headers.mjs', () => {
    const file = readFileSync(new URL('../../public/_headers', import.meta.url), 'utf8');
    for (const [name, value] of Object.entries(isolationHeaders)) expect(file).toContain(`${name}: ${value}`);
  });

  it('the site server sends them on pages, scripts and the 404 page', async () => {
    const base = inject('baseUrl');
    for (const path of ['/', '/nope/']) {
      const res = await fetch(base + path);
      for (const [name, value] of Object.entries(isolationHeaders)) expect(res.headers.get(name)).toBe(value);
    }
  });
});
