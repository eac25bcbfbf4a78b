/**
 * Test helpers: one Chromium per test file, and pages that record console errors and
 * uncaught exceptions so every test can assert a clean console.
 */
import { inject } from 'vitest';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { launchChromium } from '../../scripts/lib/chromium.mjs';

export const baseUrl = (): string => inject('baseUrl');
export const plainUrl = (): string => inject('plainUrl');

export function launch(): Promise<Browser> {
  return launchChromium();
}

export interface WatchedPage {
  page: Page;
  /** Console errors and uncaught exceptions seen so far. */
  errors: string[];
  close(): Promise<void>;
}

export async function openPage(browser: Browser, url: string, options: BrowserContextOptions = {}): Promise<WatchedPage> {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(`console: ${msg.text()}`);
  });
  page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`));
  await page.goto(url, { waitUntil: 'networkidle' });
  return { page, errors, close: () => context.close() };
}
