// @ts-check
/**
 * `npm run headers:update` (after `npm run build`): the Content-Security-Policy allows the site's
 * few inline scripts by hash, so their hashes are read from the build into src/csp-hashes.mjs; then
 * every host config (public/_headers, vercel.json, deploy/nginx.conf) is written again from
 * src/isolation-headers.mjs. Run it when an inline script changes (ours, or Astro's island loader
 * after an Astro update): test/site/host-configs.test.ts fails until then, naming this command.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { inlineScripts } from './lib/inline-scripts.mjs';
import { hostConfigFiles } from './lib/host-configs.mjs';

const root = fileURLToPath(new URL('../', import.meta.url));
const dist = path.join(root, 'dist');
if (!existsSync(path.join(dist, 'index.html'))) {
  console.error('dist/ is missing: run `npm run build` first.');
  process.exit(1);
}

const scripts = inlineScripts(dist);
const hashes = [...scripts.keys()].sort();
writeFileSync(
  path.join(root, 'src/csp-hashes.mjs'),
  [
    '/**',
    ' * CSP hashes of the inline scripts the built site has (written by `npm run headers:update` from',
    ' * dist/, checked against the build by test/site/host-configs.test.ts). Each one, and why it is inline:',
    ...hashes.map((h) => ` *   ${h.slice(0, 19)}…  ${scripts.get(h)?.start.replace(/\*\//g, '* /')}`),
    ' */',
    'export const inlineScriptHashes = Object.freeze([',
    ...hashes.map((h) => `  '${h}',`),
    ']);',
    '',
  ].join('\n'),
);
// Imported only now, so the module reads the hashes just written.
const source = await import('../src/isolation-headers.mjs');
for (const [file, generate] of Object.entries(hostConfigFiles)) {
  mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
  writeFileSync(path.join(root, file), generate(source));
  console.log(`wrote ${file}`);
}
console.log(`src/csp-hashes.mjs: ${hashes.length} inline script hash(es)`);
