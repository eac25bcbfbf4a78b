/**
 * Watching a browser context for Content-Security-Policy violations: the `securitypolicyviolation`
 * event in every document and frame (an init script), and Chromium's console reports ("Refused to
 * ...", from pages and their workers). Shared by the CSP crawl, the embed test and the nginx test.
 */
import type { BrowserContext, Page } from 'playwright-core';

export interface CspWatch {
  /**
   * Every violation seen so far, as "directive: blocked URI (where)". Call it before leaving a page:
   * a document's own list goes with it.
   */
  violations(): Promise<string[]>;
}

declare global {
  interface Window {
    __cspViolations?: string[];
  }
}

const CONSOLE_REPORT = /Content Security Policy|Refused to (load|execute|apply|compile|create|frame|connect|evaluate)/i;

export async function watchCsp(context: BrowserContext): Promise<CspWatch> {
  await context.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__cspViolations?.push(`${e.effectiveDirective}: ${e.blockedURI || '(inline)'} (${e.documentURI} ${e.sourceFile}:${e.lineNumber})`);
    });
  });
  const fromEvents: string[] = [];
  const fromConsole: string[] = [];
  const watchPage = (page: Page) => {
    page.on('console', (msg) => {
      if (CONSOLE_REPORT.test(msg.text())) fromConsole.push(`console: ${msg.text()}`);
    });
    page.on('worker', (worker) => {
      worker.on('console', (msg) => {
        if (CONSOLE_REPORT.test(msg.text())) fromConsole.push(`worker console: ${msg.text()}`);
      });
    });
  };
  context.pages().forEach(watchPage);
  context.on('page', watchPage);
  return {
    async violations() {
      for (const page of context.pages()) {
        for (const frame of page.frames()) {
          // Taken out of the document, so a later call does not count them twice.
          const seen = await frame
            .evaluate(() => (window.__cspViolations ?? []).splice(0))
            .catch(() => [] as string[]);
          fromEvents.push(...seen);
        }
      }
      return [...fromEvents, ...fromConsole];
    },
  };
}
