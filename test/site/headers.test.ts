/** The static-host header file sends exactly the isolation headers our servers send. */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { inject } from 'vitest';
import { contentSecurityPolicy, embedHeaders, isolationHeaders } from '../../src/isolation-headers.mjs';

describe('cross-origin isolation headers', () => {
  it('public/_headers lists every header of src/isolation-headers.mjs', () => {
    const file = readFileSync(new URL('../../public/_headers', import.meta.url), 'utf8');
    for (const [name, value] of Object.entries(isolationHeaders)) expect(file).toContain(`${name}: ${value}`);
  });

  it('the site server sends them on pages, scripts and the 404 page, with the CSP; DIP on embeds only', async () => {
    const base = inject('baseUrl');
    for (const path of ['/', '/nope/', '/_interleave/worker.js', '/embed/race-conditions/counter-race/']) {
      const res = await fetch(base + path);
      for (const [name, value] of Object.entries(isolationHeaders)) expect(res.headers.get(name)).toBe(value);
      expect(res.headers.get('content-security-policy'), path).toBe(contentSecurityPolicy);
      expect(res.headers.get('document-isolation-policy'), path).toBe(path.startsWith('/embed/') ? embedHeaders['Document-Isolation-Policy'] : null);
    }
  });
});

describe('caching', () => {
  it('hashed /_astro/ assets are immutable; the runtime is reused briefly; pages revalidate, with 304s', async () => {
    const base = inject('baseUrl');
    const home = await (await fetch(base + '/')).text();
    const asset = /(\/_astro\/[^"']+\.(?:js|css))/.exec(home)?.[1];
    expect(asset, 'the home page links a hashed /_astro/ asset').toBeDefined();
    expect((await fetch(base + asset)).headers.get('cache-control')).toContain('immutable');
    expect((await fetch(base + '/_interleave/runtime.js')).headers.get('cache-control')).toBe('public, max-age=300');
    for (const path of ['/_interleave/worker.js', '/articles/race-conditions/']) {
      const first = await fetch(base + path);
      expect(first.status, path).toBe(200);
      const lastModified = first.headers.get('last-modified');
      expect(lastModified, path).toBeTruthy();
      const again = await fetch(base + path, { headers: { 'If-Modified-Since': lastModified ?? '' } });
      expect(again.status, `${path} revalidated`).toBe(304);
    }
    expect((await fetch(base + '/articles/race-conditions/')).headers.get('cache-control')).toBe('no-cache');
  });

  it('text goes gzipped to browsers that accept it, and plain to others', async () => {
    const base = inject('baseUrl');
    const url = base + '/articles/race-conditions/';
    const zipped = await fetch(url, { headers: { 'Accept-Encoding': 'gzip' } });
    expect(zipped.headers.get('content-encoding')).toBe('gzip');
    expect(await zipped.text()).toContain('</html>');
    const { request } = await import('node:http');
    const plain = await new Promise<{ encoding: string | undefined; body: string }>((resolve, reject) => {
      request(url, { headers: { 'Accept-Encoding': 'identity' } }, (res) => {
        let body = '';
        res.setEncoding('utf8').on('data', (c: string) => (body += c)).on('end', () => resolve({ encoding: res.headers['content-encoding'], body }));
      }).on('error', reject).end();
    });
    expect(plain.encoding).toBeUndefined();
    expect(plain.body).toContain('</html>');
  });

  it('public/_headers gives static hosts the same rule', () => {
    const file = readFileSync(new URL('../../public/_headers', import.meta.url), 'utf8');
    expect(file).toMatch(/\/_astro\/\*\n\s+Cache-Control: public, max-age=31536000, immutable/);
    expect(file).toMatch(/\/_interleave\/\*\n\s+Cache-Control: public, max-age=300/);
  });
});

describe('npm run dev', () => {
  it('is cross-origin isolated too, with Document-Isolation-Policy on embeds and the CSP (report-only)', async () => {
    const { spawn } = await import('node:child_process');
    const port = 4500 + Math.floor(Math.random() * 400);
    const dev = spawn('astro', ['dev', '--port', String(port), '--host', '127.0.0.1', '--force'], {
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
      // Vitest's own variables (NODE_ENV=test, VITEST*) would change how Astro's Vite behaves.
      env: Object.fromEntries(
        Object.entries(process.env).filter(([k]) => !k.startsWith('VITEST') && k !== 'NODE_ENV' && k !== 'TEST'),
      ),
    });
    try {
      // Wait for the server to say it is listening (no sleeps: its own output is the handshake).
      await new Promise<void>((resolve, reject) => {
        const onData = (chunk: Buffer) => {
          if (chunk.toString().includes(`${port}`)) resolve();
        };
        dev.stdout.on('data', onData);
        dev.stderr.on('data', onData);
        dev.once('exit', (code) => reject(new Error(`astro dev exited with ${code}`)));
      });
      // The port opens before routes are ready (early answers are 404): poll, bounded.
      let res: Response | undefined;
      for (let i = 0; i < 100 && res?.status !== 200; i++) {
        if (i) await new Promise((r) => setTimeout(r, 200));
        res = await fetch(`http://127.0.0.1:${port}/`).catch(() => undefined);
      }
      expect(res?.status).toBe(200);
      for (const [name, value] of Object.entries(isolationHeaders)) expect(res?.headers.get(name)).toBe(value);
      expect(res?.headers.get('content-security-policy-report-only')).toBe(contentSecurityPolicy);
      const embed = await fetch(`http://127.0.0.1:${port}/embed/race-conditions/counter-race/`);
      for (const [name, value] of Object.entries(embedHeaders)) expect(embed.headers.get(name)).toBe(value);
    } finally {
      if (dev.pid) process.kill(-dev.pid, 'SIGTERM');
    }
  });
});
