// @ts-check
/**
 * Installing a Debian package the tests need, the one way the project installs anything it runs:
 * apt-get as root when a file the package provides is missing, and otherwise an error that gives the
 * exact command. Nothing here downloads a browser or a driver of its own (Playwright's and
 * Puppeteer's downloads cannot run here, and CI must pass on a fresh machine with only Debian's
 * packages).
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/**
 * Makes sure every one of `files` exists, installing `packages` with apt-get when running as root.
 * @param {{ what: string, files: string[], packages: string[] }} need
 */
export function ensureDebianPackages({ what, files, packages }) {
  const missing = files.filter((f) => !existsSync(f));
  if (missing.length === 0) return;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const command = `apt-get update && apt-get install -y ${packages.join(' ')}`;
  if (!isRoot) throw new Error(`${what} is missing (${missing.join(', ')}). Install Debian's package as root:\n  sudo sh -c '${command}'`);
  console.log(`${what} is missing; installing Debian's package: ${command}`);
  execFileSync('sh', ['-c', `DEBIAN_FRONTEND=noninteractive ${command}`], { stdio: 'inherit' });
  const still = files.filter((f) => !existsSync(f));
  if (still.length) throw new Error(`apt-get ran but ${still.join(', ')} is still missing`);
}
