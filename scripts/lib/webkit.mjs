// @ts-check
/**
 * WebKit, Safari's engine, as Debian ships it: WebKitGTK's MiniBrowser (package libwebkit2gtk-4.1-0)
 * driven by WebKitWebDriver (webkit2gtk-driver) over W3C WebDriver, on an Xvfb display. Playwright
 * cannot be used: it needs its own patched WebKit, which cannot be downloaded here. Nothing here
 * downloads anything; missing packages are installed with apt-get as root, or the error gives the
 * command (scripts/lib/debian-package.mjs).
 */
import { ensureDebianPackages } from './debian-package.mjs';
import { freePort } from './free-port.mjs';
import { spawnGroup } from './process-group.mjs';
import { WebDriverSession } from './webdriver.mjs';
import { startXvfb } from './xvfb.mjs';

/** Debian's multiarch directory for this machine (x86_64-linux-gnu, aarch64-linux-gnu). */
const MULTIARCH = { x64: 'x86_64-linux-gnu', arm64: 'aarch64-linux-gnu' }[/** @type {string} */ (process.arch)] ?? `${process.arch}-linux-gnu`;
export const WEBKIT_DRIVER = process.env.WEBKIT_DRIVER_PATH ?? '/usr/bin/WebKitWebDriver';
export const MINIBROWSER = process.env.MINIBROWSER_PATH ?? `/usr/lib/${MULTIARCH}/webkit2gtk-4.1/MiniBrowser`;

export function ensureWebKit() {
  // webkit2gtk-driver depends on libwebkit2gtk-4.1-0, which has the MiniBrowser.
  ensureDebianPackages({ what: 'WebKitGTK (WebKitWebDriver and MiniBrowser)', files: [WEBKIT_DRIVER, MINIBROWSER], packages: ['webkit2gtk-driver'] });
}

/**
 * @typedef {object} WebKit
 * @property {WebDriverSession} session one browser window, the session the tests drive
 * @property {string} version e.g. "WebKitGTK 2.50.6"
 * @property {() => Promise<void>} stop ends the session, the driver and every browser process, and the display
 */

/** @returns {Promise<WebKit>} */
export async function startWebKit() {
  ensureWebKit();
  const xvfb = await startXvfb();
  try {
    for (let attempt = 0; ; attempt++) {
      // WebKitWebDriver cannot listen on port 0 and say which port it got: probe one, and try a new
      // one if another process took it first (the driver then exits at once).
      const port = await freePort();
      const driver = spawnGroup(WEBKIT_DRIVER, [`--port=${port}`, '--host=local'], {
        env: {
          ...process.env,
          DISPLAY: xvfb.display,
          // Safari gives SharedArrayBuffer to every cross-origin isolated page. WebKitGTK reports such a
          // page as crossOriginIsolated too, but exposes no SharedArrayBuffer unless this JavaScriptCore
          // option is set, in the environment of the process tree the driver starts. Without it the
          // site would (rightly) say that this browser gives it no shared memory, and test nothing else.
          JSC_useSharedArrayBuffer: '1',
        },
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      let stderr = '';
      driver.child.stderr?.on('data', (c) => (stderr += c));
      const base = `http://127.0.0.1:${port}`;
      if (!(await answers(base, driver.exited))) {
        await driver.stop();
        if (attempt < 4) continue;
        throw new Error(`WebKitWebDriver did not start on port ${port}:\n${stderr}`);
      }
      try {
        const session = await WebDriverSession.create(base, {
          browserName: 'MiniBrowser',
          'webkitgtk:browserOptions': { binary: MINIBROWSER, args: ['--automation'] },
        });
        await session.send('POST', '/window/rect', { width: 1280, height: 1000 });
        return {
          session,
          version: `WebKitGTK ${String(session.capabilities['browserVersion'] ?? '?')}`,
          stop: async () => {
            await session.delete().catch(() => {});
            await driver.stop();
            await xvfb.stop();
          },
        };
      } catch (e) {
        await driver.stop();
        throw new Error(`WebKitWebDriver started but gave no session: ${e instanceof Error ? e.message : e}\n${stderr}`);
      }
    }
  } catch (e) {
    await xvfb.stop();
    throw e;
  }
}

/** Polls GET /status until the driver answers (true) or exits (false). Bounded: 20 s. @param {string} base @param {Promise<unknown>} exited */
async function answers(base, exited) {
  let gone = false;
  void exited.then(() => (gone = true));
  for (let i = 0; i < 400 && !gone; i++) {
    const res = await fetch(`${base}/status`).catch(() => null);
    if (res?.ok) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return false;
}
