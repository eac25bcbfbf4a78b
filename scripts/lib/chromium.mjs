// @ts-check
/**
 * Debian's Chromium, driven by playwright-core. Nothing here downloads a browser: if
 * /usr/bin/chromium is missing we install Debian's package when running as root, and
 * otherwise stop with the exact command to run.
 */
import { existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { chromium } from 'playwright-core';

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
  if (existsSync(CHROMIUM)) return CHROMIUM;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const command = 'apt-get update && apt-get install -y chromium';
  if (!isRoot) {
    throw new Error(`Chromium is missing at ${CHROMIUM}. Install Debian's package as root:\n  sudo sh -c '${command}'`);
  }
  console.log(`Chromium is missing; installing Debian's package: ${command}`);
  execFileSync('sh', ['-c', `DEBIAN_FRONTEND=noninteractive ${command}`], { stdio: 'inherit' });
  if (!existsSync(CHROMIUM)) throw new Error(`apt-get ran but ${CHROMIUM} is still missing`);
  return CHROMIUM;
}

/** @param {import('playwright-core').LaunchOptions} [options] */
export function launchChromium(options = {}) {
  return chromium.launch({ executablePath: ensureChromium(), headless: true, args: CHROMIUM_ARGS, ...options });
}
