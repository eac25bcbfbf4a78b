// @ts-check
/**
 * Debian's Xvfb, a virtual X display for a browser that needs one (WebKitGTK's MiniBrowser has no
 * headless mode). `-displayfd` lets the X server pick a free display number and tell us, so two test
 * runs on one machine never collide on a number chosen in advance. Installed with apt-get like every
 * other program the tests run (scripts/lib/debian-package.mjs).
 */
import { ensureDebianPackages } from './debian-package.mjs';
import { spawnGroup } from './process-group.mjs';

export const XVFB = '/usr/bin/Xvfb';

export function ensureXvfb() {
  ensureDebianPackages({ what: 'Xvfb', files: [XVFB], packages: ['xvfb'] });
  return XVFB;
}

/** @returns {Promise<{ display: string, stop(): Promise<void> }>} display is ":N" */
export async function startXvfb() {
  ensureXvfb();
  // File descriptor 3 is a pipe: Xvfb writes the display number it chose there, then a newline.
  const group = spawnGroup(XVFB, ['-displayfd', '3', '-screen', '0', '1280x1024x24', '-nolisten', 'tcp'], {
    stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  group.child.stderr?.on('data', (c) => (stderr += c));
  const display = await new Promise((resolve, reject) => {
    let out = '';
    const fd3 = /** @type {import('node:stream').Readable} */ (group.child.stdio[3]);
    fd3.on('data', (c) => {
      out += c;
      if (out.includes('\n')) resolve(`:${out.trim()}`);
    });
    void group.exited.then((code) => reject(new Error(`Xvfb exited (${code}) before it chose a display:\n${stderr}`)));
    setTimeout(() => reject(new Error(`Xvfb chose no display within 20 s:\n${stderr}`)), 20_000).unref();
  }).catch(async (e) => {
    await group.stop();
    throw e;
  });
  return { display, stop: () => group.stop() };
}
