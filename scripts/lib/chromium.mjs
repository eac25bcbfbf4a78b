// @ts-check
/**
 * Debian's Chromium, driven by playwright-core. Nothing here downloads a browser: if
 * /usr/bin/chromium is missing we install Debian's package when running as root, and
 * otherwise stop with the exact command to run.
 */
import { chromium } from 'playwright-core';
import { ensureDebianPackages } from './debian-package.mjs';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Flags for a headless Chromium on a machine without network or GPU. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export function ensureChromium() {
  ensureDebianPackages({ what: 'Chromium', files: [CHROMIUM], packages: ['chromium'] });
  return CHROMIUM;
}

/** @param {import('playwright-core').LaunchOptions} [options] */
export function launchChromium(options = {}) {
  return chromium.launch({ executablePath: ensureChromium(), headless: true, args: CHROMIUM_ARGS, ...options });
}
