// @ts-check
/**
 * A small W3C WebDriver client (the classic HTTP protocol: JSON over fetch), for WebKitWebDriver.
 *
 * Why our own: Playwright cannot drive WebKit here (it needs its own patched build, which cannot be
 * downloaded), and WebKitWebDriver speaks classic WebDriver only, no BiDi, so puppeteer-core cannot
 * either. WebdriverIO could, but it is a large tree of packages (a CLI, a launcher, reporters) built
 * around a driver manager that downloads chromedriver and geckodriver for the browsers it knows; the
 * tests need only the dozen commands below, each a fetch and a JSON body as the spec gives them
 * (https://www.w3.org/TR/webdriver2/), so the whole client fits in this file and has no
 * dependency to pin.
 */

/** The key of an element reference in WebDriver's JSON (the spec's "web element identifier"). */
const ELEMENT = 'element-6066-11e4-a52e-4f735466cecf';

/** WebDriver's code points for keys without a character (the spec's table of normalised keys). */
const KEYS = /** @type {const} */ ({
  Control: '\uE009',
  Shift: '\uE008',
  Alt: '\uE00A',
  Meta: '\uE03D',
  Enter: '\uE007',
  Tab: '\uE004',
  Escape: '\uE00C',
  Backspace: '\uE003',
  ArrowLeft: '\uE012',
  ArrowUp: '\uE013',
  ArrowRight: '\uE014',
  ArrowDown: '\uE015',
});

/** @typedef {{ [ELEMENT]: string }} ElementRef */

export class WebDriverError extends Error {
  /** @param {string} error @param {string} message */
  constructor(error, message) {
    super(`${error}: ${message}`);
    /** The spec's error code, e.g. "no such element", "javascript error". */
    this.code = error;
  }
}

/**
 * One command: method, path under the driver, body. Returns the response's `value`.
 * @param {string} base @param {'GET' | 'POST' | 'DELETE'} method @param {string} path @param {unknown} [body]
 * @returns {Promise<any>}
 */
async function command(base, method, path, body) {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { 'Content-Type': 'application/json; charset=utf-8' },
    ...(method === 'POST' ? { body: JSON.stringify(body ?? {}) } : {}),
  });
  const json = /** @type {{ value?: any }} */ (await res.json().catch(() => ({})));
  if (!res.ok || (json.value && typeof json.value === 'object' && 'error' in json.value)) {
    throw new WebDriverError(String(json.value?.error ?? res.status), String(json.value?.message ?? res.statusText));
  }
  return json.value;
}

export class WebDriverSession {
  /** @param {string} base the driver's URL, e.g. http://127.0.0.1:4444 @param {string} id @param {Record<string, unknown>} capabilities */
  constructor(base, id, capabilities) {
    this.base = base;
    this.id = id;
    /** What the driver answered: browserName, browserVersion, timeouts, ... */
    this.capabilities = capabilities;
  }

  /** POST /session. @param {string} base @param {Record<string, unknown>} alwaysMatch */
  static async create(base, alwaysMatch) {
    const value = await command(base, 'POST', '/session', { capabilities: { alwaysMatch } });
    return new WebDriverSession(base, value.sessionId, value.capabilities);
  }

  /** A session another process created (the tests' workers reuse the one the global setup made). @param {string} base @param {string} id */
  static attach(base, id) {
    return new WebDriverSession(base, id, {});
  }

  /** @param {'GET' | 'POST' | 'DELETE'} method @param {string} path @param {unknown} [body] */
  send(method, path, body) {
    return command(this.base, method, `/session/${this.id}${path}`, body);
  }

  /** Navigates and waits for the load (the session's page load strategy, "normal"). @param {string} url */
  navigate(url) {
    return this.send('POST', '/url', { url });
  }

  /** @returns {Promise<string>} */
  url() {
    return this.send('GET', '/url');
  }

  /** A function body, run in the current browsing context; a returned promise is awaited. @param {string} script @param {unknown[]} args */
  execute(script, args = []) {
    return this.send('POST', '/execute/sync', { script, args });
  }

  /** @param {string} css @returns {Promise<ElementRef>} */
  findElement(css) {
    return this.send('POST', '/element', { using: 'css selector', value: css });
  }

  /** Scrolls the element into view and clicks its centre, as a pointer would. @param {ElementRef} element */
  click(element) {
    return this.send('POST', `/element/${element[ELEMENT]}/click`);
  }

  /**
   * One chord, as a keyboard: "1", "u", "Control+a", "Shift+Tab", "Enter". Modifiers go down in order
   * and up in reverse.
   * @param {string} chord
   */
  pressKeys(chord) {
    const keys = chord.split('+').map((k) => (k in KEYS ? KEYS[/** @type {keyof typeof KEYS} */ (k)] : k));
    const down = keys.map((value) => ({ type: 'keyDown', value }));
    const up = [...keys].reverse().map((value) => ({ type: 'keyUp', value }));
    return this.send('POST', '/actions', { actions: [{ type: 'key', id: 'keyboard', actions: [...down, ...up] }] });
  }

  /** @returns {Promise<string[]>} */
  windowHandles() {
    return this.send('GET', '/window/handles');
  }

  /** @returns {Promise<string>} */
  windowHandle() {
    return this.send('GET', '/window');
  }

  /** @param {string} handle */
  switchToWindow(handle) {
    return this.send('POST', '/window', { handle });
  }

  /** Closes the current window; the session then has no current one until switchToWindow. */
  closeWindow() {
    return this.send('DELETE', '/window');
  }

  /** Into an <iframe> of the current document, or back to the top with null. @param {ElementRef | null} frame */
  switchToFrame(frame) {
    return this.send('POST', '/frame', { id: frame });
  }

  /** Ends the session (the driver closes the browser). */
  delete() {
    return command(this.base, 'DELETE', `/session/${this.id}`);
  }
}
