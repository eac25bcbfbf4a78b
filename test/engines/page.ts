/**
 * One page driver for both engines, so that one test body runs in Firefox (puppeteer-core over
 * WebDriver BiDi) and in WebKit (our W3C WebDriver client, scripts/lib/webdriver.mjs): navigate,
 * evaluate a function with arguments, wait for a condition by polling it, click a selector as a
 * pointer would, press keys, read text, step into a frame, follow a link into a new tab.
 *
 * What each automation can observe differs, and the driver says so rather than pretending:
 * - workers: Firefox lists a page's dedicated workers over BiDi (script realms), which is the
 *   browser's own count; WebKit's classic WebDriver has no such command, so `browserWorkers()` is
 *   null there and tests fall back to the host's own count, labelled as such.
 * - console errors and uncaught exceptions: Firefox reports them over BiDi from the first script on;
 *   in WebKit the driver can only add a listener after each load, so errors during a page's own
 *   load are not seen there (the suite's other checks, verdicts and 0 CSP reports, still are).
 */
import puppeteer, { type Browser, type Frame, type Page } from 'puppeteer-core';
import { afterAll, beforeAll, inject } from 'vitest';
import { WebDriverSession, type ElementRef } from '../../scripts/lib/webdriver.mjs';

export type EngineName = 'firefox' | 'webkit';

declare module 'vitest' {
  export interface ProvidedContext {
    engine: EngineName;
    engineVersion: string;
    /** Firefox: the BiDi WebSocket; WebKit: the driver's base URL. */
    engineEndpoint: string;
    /** WebKit: the WebDriver session the global setup created. */
    engineSession: string;
    /** GET: every CSP report the isolated server received, as JSON; DELETE: forget them. */
    cspReportsUrl: string;
  }
}

export interface EnginePage {
  readonly engine: EngineName;
  goto(url: string): Promise<void>;
  /** Runs `fn` in the page with `args` (JSON values); a returned promise is awaited. */
  evaluate<A extends unknown[], R>(fn: (...args: A) => R, ...args: A): Promise<Awaited<R>>;
  /** Polls `fn` (every 100 ms) until it returns something truthy; throws naming `what` after `timeoutMs`. */
  waitFor<A extends unknown[]>(what: string, fn: (...args: A) => unknown, args: A, timeoutMs?: number): Promise<void>;
  /** Scrolls the first element matching `selector` into view and clicks its centre. */
  click(selector: string): Promise<void>;
  /** A key chord: "1", "u", "Control+a", "Tab". */
  press(chord: string): Promise<void>;
  /** The innerText of the first match, or throws. */
  text(selector: string): Promise<string>;
  /** The same page, but every command runs inside the iframe matching `selector`. */
  frame(selector: string): Promise<EnginePage>;
  /** Clicks a link that opens a new tab, and returns that tab (loaded). */
  clickOpeningTab(selector: string): Promise<EnginePage>;
  /** URLs of the dedicated workers the browser lists for this page, or null where the automation cannot list them. */
  browserWorkers(): Promise<string[] | null>;
  /** Console errors and uncaught exceptions seen so far (see the header for what WebKit can see). */
  errors(): Promise<string[]>;
  close(): Promise<void>;
}

export interface Engine {
  name: EngineName;
  version: string;
  newPage(): Promise<EnginePage>;
  /** Lets go of the browser (the global setup owns and ends it). */
  release(): Promise<void>;
}

const POLL_MS = 100;

/**
 * Before a click, in the page: brings the element to the middle of the viewport at once (the site
 * scrolls smoothly, `scroll-behavior: smooth`, so a plain scroll is still moving when the pointer
 * arrives and the click lands on whatever passes under it; the sticky header covers the top edge,
 * where a minimal scroll would leave it), waits until it stands still for two frames, and says what
 * a pointer there would hit if that is not the element. Playwright checks the same before it clicks.
 */
async function aim(selector: string): Promise<string | null> {
  const el = document.querySelector(selector);
  if (!el) return `nothing matches ${selector}`;
  el.scrollIntoView({ block: 'center', inline: 'center', behavior: 'instant' });
  const frame = () => new Promise((r) => requestAnimationFrame(r));
  let last = '';
  for (let i = 0; i < 60; i++) {
    await frame();
    const r = el.getBoundingClientRect();
    const now = `${r.left},${r.top},${r.width},${r.height}`;
    if (now === last) break;
    last = now;
  }
  const r = el.getBoundingClientRect();
  const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
  if (hit && (hit === el || el.contains(hit))) return null;
  return `a click on ${selector} would land on ${hit ? `<${hit.tagName.toLowerCase()} class="${hit.getAttribute('class') ?? ''}">` : 'nothing'}`;
}

async function aimed(what: (fn: typeof aim, selector: string) => Promise<string | null>, selector: string): Promise<void> {
  const problem = await what(aim, selector);
  if (problem) throw new Error(`click: ${problem}`);
}

async function poll(what: string, check: () => Promise<unknown>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  for (;;) {
    try {
      if (await check()) return;
      last = '';
    } catch (e) {
      // A navigation (the service worker's one reload) replaces the document under the check.
      last = ` (last attempt: ${e instanceof Error ? e.message : String(e)})`;
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}${last}`);
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
}

/** The engine this suite runs in (the ENGINE the config was started with), connected. */
export async function connectEngine(): Promise<Engine> {
  const name = inject('engine');
  return name === 'firefox' ? connectFirefox() : connectWebKit();
}

/** For a test file: connects to the run's browser before its tests and lets go after them. */
export function useEngine(): Pick<Engine, 'newPage'> {
  let engine: Engine | null = null;
  beforeAll(async () => {
    engine = await connectEngine();
  });
  afterAll(async () => {
    await engine?.release();
  });
  return {
    newPage: () => {
      if (!engine) throw new Error('useEngine: no browser yet (call newPage inside a test)');
      return engine.newPage();
    },
  };
}

// ---- Firefox: puppeteer-core over WebDriver BiDi --------------------------------------------

async function connectFirefox(): Promise<Engine> {
  const browser = await puppeteer.connect({
    browserWSEndpoint: inject('engineEndpoint'),
    protocol: 'webDriverBiDi',
    defaultViewport: { width: 1280, height: 900 },
  });
  return {
    name: 'firefox',
    version: inject('engineVersion'),
    async newPage() {
      // A context of its own per page (BiDi user context): no storage or service worker carried over.
      const context = await browser.createBrowserContext();
      const page = await context.newPage();
      return firefoxPage(browser, page, page, () => context.close());
    },
    release: () => browser.disconnect(),
  };
}

function firefoxPage(browser: Browser, page: Page, target: Page | Frame, close: () => Promise<void>): EnginePage {
  const errors: string[] = [];
  if (target === page) {
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(`console: ${m.text()}`);
    });
    page.on('pageerror', (e) => errors.push(`pageerror: ${e instanceof Error ? e.message : String(e)}`));
  }
  const self: EnginePage = {
    engine: 'firefox',
    async goto(url) {
      await page.goto(url, { waitUntil: 'load' });
    },
    evaluate: (fn, ...args) => target.evaluate(fn as never, ...(args as unknown[] as never[])) as never,
    waitFor: (what, fn, args, timeoutMs = 30_000) => poll(what, () => target.evaluate(fn as never, ...(args as unknown[] as never[])), timeoutMs),
    async click(selector) {
      await aimed((fn, sel) => target.evaluate(fn, sel), selector);
      await target.click(selector);
    },
    async press(chord) {
      const keys = chord.split('+') as Parameters<Page['keyboard']['press']>[0][];
      for (const k of keys.slice(0, -1)) await page.keyboard.down(k);
      await page.keyboard.press(keys.at(-1)!);
      for (const k of keys.slice(0, -1).reverse()) await page.keyboard.up(k);
    },
    text: (selector) => target.$eval(selector, (el) => (el as HTMLElement).innerText),
    async frame(selector) {
      const handle = await target.waitForSelector(selector);
      const frame = await handle?.contentFrame();
      if (!frame) throw new Error(`no frame at ${selector}`);
      return firefoxPage(browser, page, frame, close);
    },
    async clickOpeningTab(selector) {
      const opened = new Promise<Page | null>((resolve) => browser.once('targetcreated', (t: { page(): Promise<Page | null> }) => resolve(t.page())));
      await self.click(selector);
      const tab = await opened;
      if (!tab) throw new Error(`${selector} opened no tab`);
      await poll('the new tab to load', () => tab.evaluate(() => location.href !== 'about:blank' && document.readyState === 'complete'), 30_000);
      return firefoxPage(browser, tab, tab, () => tab.close());
    },
    async browserWorkers() {
      return page.workers().map((w) => w.url());
    },
    errors: async () => [...errors],
    close,
  };
  return self;
}

// ---- WebKit: W3C WebDriver (classic) ------------------------------------------------------------

async function connectWebKit(): Promise<Engine> {
  const session = WebDriverSession.attach(inject('engineEndpoint'), inject('engineSession'));
  // Every page uses the session's one window, in turn. A window the driver opens itself is a
  // background tab in the MiniBrowser: hidden, so islands that hydrate when visible never do.
  // Closing a session's last window would end the session, so "close" goes back to a blank page.
  const home = await session.windowHandle();
  return {
    name: 'webkit',
    version: inject('engineVersion'),
    async newPage() {
      return webkitPage(session, home, null, async () => {
        await session.switchToWindow(home);
        await session.navigate('about:blank');
      });
    },
    release: async () => {
      await session.switchToWindow(home).catch(() => {});
    },
  };
}

/** Collects uncaught exceptions and console.error calls from the moment it runs (WebKit gives the driver no console). */
function listenForErrors(): void {
  const w = window as unknown as { __engineErrors?: string[] };
  if (w.__engineErrors) return;
  const errors: string[] = (w.__engineErrors = []);
  addEventListener('error', (e) => errors.push(`pageerror: ${e.message}`));
  addEventListener('unhandledrejection', (e) => errors.push(`pageerror: unhandled rejection: ${String(e.reason)}`));
  const original = console.error.bind(console);
  console.error = (...args: unknown[]) => {
    errors.push(`console: ${args.map(String).join(' ')}`);
    original(...args);
  };
}

function webkitPage(session: WebDriverSession, handle: string, frameSelector: string | null, close: () => Promise<void>): EnginePage {
  /** Every command first makes this page (and frame) the session's current browsing context. */
  const enter = async () => {
    await session.switchToWindow(handle);
    await session.switchToFrame(null);
    if (frameSelector) await session.switchToFrame(await session.findElement(frameSelector));
  };
  const run = async <A extends unknown[], R>(fn: (...args: A) => R, args: A): Promise<Awaited<R>> => {
    await enter();
    return (await session.execute(`return (${fn.toString()}).apply(null, arguments)`, args)) as Awaited<R>;
  };
  const self: EnginePage = {
    engine: 'webkit',
    async goto(url) {
      await enter();
      await session.navigate(url);
      await run(listenForErrors, []);
    },
    evaluate: (fn, ...args) => run(fn, args),
    waitFor: (what, fn, args, timeoutMs = 30_000) => poll(what, () => run(fn, args), timeoutMs),
    async click(selector) {
      await aimed((fn, sel) => run(fn, [sel]), selector);
      let element: ElementRef;
      try {
        element = await session.findElement(selector);
      } catch (e) {
        throw new Error(`click: nothing matches ${selector} (${e instanceof Error ? e.message : e})`);
      }
      await session.click(element);
    },
    async press(chord) {
      await enter();
      await session.pressKeys(chord);
    },
    async text(selector) {
      const t = await run((s: string) => (document.querySelector(s) as HTMLElement | null)?.innerText ?? null, [selector]);
      if (t === null) throw new Error(`text: nothing matches ${selector}`);
      return t;
    },
    async frame(selector) {
      await poll(`a frame at ${selector}`, () => run((s: string) => document.querySelector(s) !== null, [selector]), 30_000);
      if (frameSelector) throw new Error('frames inside frames are not needed by the tests');
      const framed = webkitPage(session, handle, selector, close);
      await framed.evaluate(listenForErrors);
      return framed;
    },
    async clickOpeningTab(selector) {
      const before = new Set(await session.windowHandles());
      await self.click(selector);
      let tab = '';
      await poll(`a new tab from ${selector}`, async () => (tab = (await session.windowHandles()).find((h) => !before.has(h)) ?? ''), 30_000);
      const page = webkitPage(session, tab, null, async () => {
        await session.switchToWindow(tab);
        await session.closeWindow();
        await session.switchToWindow(handle);
      });
      await page.waitFor('the new tab to load', () => location.href !== 'about:blank' && document.readyState === 'complete', []);
      await page.evaluate(listenForErrors);
      return page;
    },
    browserWorkers: async () => null,
    errors: () => run(() => [...((window as unknown as { __engineErrors?: string[] }).__engineErrors ?? [])], []),
    close,
  };
  return self;
}
