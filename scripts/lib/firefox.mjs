// @ts-check
/**
 * Debian's Firefox ESR, driven by puppeteer-core over WebDriver BiDi (the standard protocol Firefox
 * speaks natively; no geckodriver). Playwright cannot be used: it needs its own patched Firefox, which
 * cannot be downloaded here. Nothing here downloads a browser: a missing firefox-esr is installed with
 * apt-get as root, or the error gives the command (scripts/lib/debian-package.mjs).
 */
import { rmSync } from 'node:fs';
import puppeteer from 'puppeteer-core';
import { ensureDebianPackages } from './debian-package.mjs';

export const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';

export function ensureFirefox() {
  ensureDebianPackages({ what: 'Firefox ESR', files: [FIREFOX], packages: ['firefox-esr'] });
  return FIREFOX;
}

/**
 * A headless Firefox for a whole test run, left running for others to connect to: one browser launch
 * (15-20 s on a busy 2-core machine) instead of one per test file. Firefox takes one BiDi session at
 * a time, so the launching session lets go, and each test file connects in turn
 * (`puppeteer.connect({ browserWSEndpoint, protocol: 'webDriverBiDi' })`).
 * @returns {Promise<{ wsEndpoint: string, version: string, stop(): Promise<void> }>}
 */
export async function startFirefox() {
  const browser = await puppeteer.launch({ browser: 'firefox', executablePath: ensureFirefox(), headless: true });
  const version = await browser.version(); // "firefox/153.8.0"
  const wsEndpoint = browser.wsEndpoint();
  const child = browser.process();
  await browser.disconnect();
  const args = child?.spawnargs ?? [];
  const profile = args[args.findIndex((a) => a === '--profile' || a === '-profile') + 1];
  return {
    wsEndpoint,
    version: version.replace(/^firefox\//, 'Firefox '),
    async stop() {
      // Ask politely over a new session, then make sure: puppeteer started Firefox as the leader of
      // its own process group, so the signal ends its content processes too.
      const again = await puppeteer.connect({ browserWSEndpoint: wsEndpoint, protocol: 'webDriverBiDi' }).catch(() => null);
      await Promise.race([again?.close(), new Promise((r) => setTimeout(r, 5000))]).catch(() => {});
      if (child?.pid !== undefined) {
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {
          // Already gone.
        }
      }
      // The temporary profile puppeteer made (it only removes it itself when it closes the browser).
      if (profile?.includes('puppeteer')) rmSync(profile, { recursive: true, force: true });
    },
  };
}
