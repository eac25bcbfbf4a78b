// @ts-check
/**
 * Debian's nginx serving a directory with the project's server block (deploy/nginx.conf), for the
 * tests: a temporary prefix and config, loopback only, in the foreground as a child process the
 * caller stops. Like Chromium (scripts/lib/chromium.mjs), nginx is installed with apt-get when the
 * tests run as root and it is missing; otherwise the error gives the command.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ensureDebianPackages } from './debian-package.mjs';
import { freePort } from './free-port.mjs';

export const NGINX = process.env.NGINX_PATH ?? '/usr/sbin/nginx';
const MIME_TYPES = '/etc/nginx/mime.types';

export function ensureNginx() {
  ensureDebianPackages({ what: 'nginx', files: [NGINX, MIME_TYPES], packages: ['nginx'] });
  return NGINX;
}

/**
 * The shipped server block with its `listen` and `root` pointed at this run, inside a minimal
 * main config whose files all live in `prefix`.
 * @param {{ serverBlock: string, root: string, port: number, prefix: string }} o
 */
export function nginxTestConfig({ serverBlock, root, port, prefix }) {
  const site = serverBlock
    .replace(/^(\s*)listen\s+[^;]+;/m, `$1listen 127.0.0.1:${port};`)
    .replace(/^(\s*)root\s+[^;]+;/m, `$1root ${root};`);
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const tmp = (/** @type {string} */ name) => path.join(prefix, name);
  return [
    'daemon off;',
    'worker_processes 1;',
    // As root, nginx would hand requests to `nobody`, who may not read the work tree.
    isRoot ? 'user root;' : '',
    `pid ${tmp('nginx.pid')};`,
    `error_log ${tmp('error.log')} warn;`,
    'events { worker_connections 64; }',
    'http {',
    `  include ${MIME_TYPES};`,
    '  default_type application/octet-stream;',
    '  access_log off;',
    ...['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((t) => `  ${t}_temp_path ${tmp(t)};`),
    site,
    '}',
    '',
  ].join('\n');
}

/**
 * @param {{ root: string, serverBlock: string }} options
 * @returns {Promise<{ url: string, close(): Promise<void> }>}
 */
export async function startNginx({ root, serverBlock }) {
  const binary = ensureNginx();
  // Another process may take the port between the probe and nginx's bind: try a few.
  for (let attempt = 0; ; attempt++) {
    const port = /** @type {number} */ (await freePort());
    const prefix = mkdtempSync(path.join(tmpdir(), 'interleave-nginx-'));
    const conf = path.join(prefix, 'nginx.conf');
    writeFileSync(conf, nginxTestConfig({ serverBlock, root: path.resolve(root), port, prefix }));
    const child = spawn(binary, ['-p', prefix, '-c', conf, '-e', path.join(prefix, 'error.log')], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (c) => (stderr += c));
    const exited = new Promise((resolve) => child.once('exit', resolve));
    const url = `http://127.0.0.1:${port}`;
    const up = await waitUntilServing(url, exited);
    const log = () => `${stderr}${existsSync(path.join(prefix, 'error.log')) ? readFileSync(path.join(prefix, 'error.log'), 'utf8') : ''}`;
    if (up) {
      return {
        url,
        close: async () => {
          child.kill('SIGQUIT'); // graceful: finish open requests, then exit
          await exited;
          rmSync(prefix, { recursive: true, force: true });
        },
      };
    }
    child.kill('SIGKILL');
    await exited;
    const why = log();
    rmSync(prefix, { recursive: true, force: true });
    if (attempt >= 4 || !/Address already in use/.test(why)) throw new Error(`nginx did not start:\n${why}`);
  }
}

/**
 * Polls until nginx answers (it prints nothing when ready), or it exits. Bounded: 20 s.
 * @param {string} url @param {Promise<unknown>} exited
 */
async function waitUntilServing(url, exited) {
  let gone = false;
  void exited.then(() => (gone = true));
  for (let i = 0; i < 400 && !gone; i++) {
    const res = await fetch(url, { method: 'HEAD' }).catch(() => null);
    if (res) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return false;
}
