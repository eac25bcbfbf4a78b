/**
 * The service-worker fallback's registration, page side (issue 11). Served as an external file
 * (/sw-register.js, no inline script, so a strict CSP needs no exception) on every page, and tiny:
 * it counts toward the article JS budget. It does something only on a top-level page that is NOT
 * cross-origin isolated, which on a browser that knows COOP/COEP means the host did not send them
 * (GitHub Pages): there it registers /sw.js, which re-serves our own responses with the isolation
 * headers (and keeps visited pages for offline reading), and reloads the page once. A host that
 * sends the headers gives an isolated page, and this script returns at once: it never registers.
 *
 * What coi-serviceworker's users ran into, and what this does about each:
 * - Reload loops: at most one automatic reload per non-isolated load. The reload carries a mark in
 *   its URL (?isolation-reload), removed from the address bar as soon as the page runs; a load that
 *   has the mark and is still not isolated gives up and says so. Not sessionStorage: measured in
 *   Chromium, the switch between an unisolated and an isolated page (COOP swaps the browsing context
 *   group) hands each side its own sessionStorage, so a mark cleared on one side came back on the
 *   other; window.name is emptied by that switch by the HTML spec. The URL is the one thing a reload
 *   keeps whatever the switch.
 * - A hard reload (Shift+Reload) bypasses the worker, so the page comes back unisolated with no
 *   controller although the worker is active: its URL has no mark, so it reloads once more,
 *   normally, and the worker serves it again.
 * - No service workers (Firefox private windows before 138, blocked by policy, not a secure
 *   context): nothing to register and no reload; the page says why threads cannot run.
 * - Safari without COEP `credentialless`: the worker only ever sends `require-corp`, which every
 *   browser supports; the site loads nothing cross-origin, so credentialless is never needed.
 * - Frames: a framed page is isolated only if its top page is (or by Document-Isolation-Policy);
 *   a worker cannot change that, so a frame never registers and never reloads.
 *
 * On a host that sends the headers, offline reading is the reader's choice: the footer's "Keep pages
 * for offline reading" button (shown only there) registers the same worker, keeps the page at hand,
 * and is remembered in localStorage; pressed again, it unregisters and deletes the kept pages.
 * docs/service-worker.md says why it is opt-in there.
 *
 * The outcome goes on <html data-isolation>: "no-service-worker" or "failed" (src/islands/host.ts
 * words the message), "reloading" while the one reload is under way.
 */
const MARK = 'isolation-reload';

// Read the mark and take it out of the address bar (links copied from the page must not carry it).
const address = new URL(location.href);
const marked = address.searchParams.has(MARK);
if (marked) {
  address.searchParams.delete(MARK);
  history.replaceState(history.state, '', address);
}

type Outcome = 'no-service-worker' | 'failed' | 'reloading';
const say = (outcome: Outcome) => {
  document.documentElement.dataset['isolation'] = outcome;
};

/**
 * Resolves once the registration has an active worker (that one serves the reload, even while a
 * newer one waits); rejects if the first worker fails to install.
 */
function activated(registration: ServiceWorkerRegistration): Promise<void> {
  return new Promise((resolve, reject) => {
    if (registration.active) return resolve();
    const worker = registration.installing ?? registration.waiting;
    if (!worker) return reject(new Error('no worker'));
    worker.addEventListener('statechange', () => {
      if (worker.state === 'activated') resolve();
      else if (worker.state === 'redundant') reject(new Error('the service worker failed to install'));
    });
  });
}

// The script's own URL locates sw.js, so a site served under a sub-path keeps its worker there.
const here = (document.currentScript as HTMLScriptElement | null)?.src ?? location.href;

const swUrl = new URL('sw.js', here);
const OPT_IN = 'interleave:offline';
const optedIn = () => {
  try {
    return localStorage.getItem(OPT_IN) === 'on';
  } catch {
    return false;
  }
};

/** The footer's offline button, on a page isolated by its host: the reader's opt-in. */
function offerOffline(container: ServiceWorkerContainer): void {
  if (optedIn()) void container.register(swUrl).catch(() => {});
  const wire = () => {
    const button = document.querySelector<HTMLButtonElement>('button[data-offline]');
    const status = document.querySelector('[data-offline-status]');
    if (!button) return;
    const show = (on: boolean, message: string) => {
      button.setAttribute('aria-pressed', String(on));
      if (status) status.textContent = message;
    };
    show(optedIn(), '');
    button.hidden = false;
    button.addEventListener('click', async () => {
      try {
        if (optedIn()) {
          localStorage.removeItem(OPT_IN);
          await (await container.getRegistration(swUrl))?.unregister();
          for (const name of await caches.keys()) if (name.startsWith('interleave-')) await caches.delete(name);
          show(false, 'Pages are no longer kept on this device.');
        } else {
          localStorage.setItem(OPT_IN, 'on');
          const registration = await container.register(swUrl);
          await activated(registration);
          registration.active?.postMessage({ keep: location.pathname });
          show(true, 'Pages you open are now kept on this device for offline reading, this one included.');
        }
      } catch {
        show(optedIn(), 'This browser did not allow keeping pages offline (service workers or storage are off).');
      }
    });
  };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', wire, { once: true });
  else wire();
}

if (globalThis.crossOriginIsolated === true && window.top === window) {
  const container = navigator.serviceWorker as ServiceWorkerContainer | undefined;
  if (window.isSecureContext && container) offerOffline(container);
} else if (globalThis.crossOriginIsolated === false && window.top === window) {
  // `navigator.serviceWorker` is undefined without support (typed as always present).
  const container = navigator.serviceWorker as ServiceWorkerContainer | undefined;
  if (!window.isSecureContext || !container) {
    say('no-service-worker');
  } else if (marked) {
    // This load is the one reload, and it is still not isolated: stop here, stay readable.
    say('failed');
  } else {
    const refused = () => say('no-service-worker');
    container.register(swUrl).then(
      // Some automation stubs register() to resolve with nothing: the same as refused.
      (registration: ServiceWorkerRegistration | undefined) => {
        if (!registration) return refused();
        activated(registration).then(
          () => {
            say('reloading');
            const again = new URL(address);
            again.searchParams.set(MARK, '1');
            location.replace(again);
          },
          () => say('failed'),
        );
      },
      refused,
    );
  }
}
