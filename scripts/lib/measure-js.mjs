// @ts-check
/**
 * Measures the JavaScript a page loads before any interaction: every script response
 * (external files and dynamic imports fired at load) plus inline scripts, gzipped, in a
 * real Chromium with no scrolling, clicking or typing. This is the number the budgets use.
 */
import { gzipSync } from 'node:zlib';

/**
 * @param {import('playwright-core').Browser} browser
 * @param {string} url
 * @returns {Promise<{ url: string, files: { name: string, raw: number, gzip: number }[], gzip: number }>}
 */
export async function measurePageJs(browser, url) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  /** @type {Promise<{ name: string, raw: number, gzip: number }>[]} */
  const pending = [];
  let measured = false;
  page.on('response', (response) => {
    // A response after the count is done (e.g. an island's chunk arriving as the context closes)
    // cannot be read any more, and would end the process as an unhandled rejection.
    if (measured) return;
    const type = response.request().resourceType();
    const ct = response.headers()['content-type'] ?? '';
    if (type === 'script' || ct.includes('javascript')) {
      pending.push(
        response.body().then((body) => ({
          name: new URL(response.url()).pathname,
          raw: body.length,
          gzip: gzipSync(body, { level: 9 }).length,
        })),
      );
    }
  });
  await page.goto(url, { waitUntil: 'networkidle' });
  // Give idle-time loaders (client:idle, requestIdleCallback) their chance to fire.
  await page.waitForTimeout(500);
  await page.waitForLoadState('networkidle');
  const inline = await page.evaluate(() =>
    [...document.querySelectorAll('script:not([src])')]
      .filter((s) => !s.getAttribute('type') || s.getAttribute('type') === 'module')
      .map((s) => s.textContent ?? ''),
  );
  measured = true;
  const files = await Promise.all(pending);
  inline.forEach((code, i) => {
    const buf = Buffer.from(code);
    files.push({ name: `inline #${i + 1}`, raw: buf.length, gzip: gzipSync(buf, { level: 9 }).length });
  });
  await context.close();
  return { url, files, gzip: files.reduce((s, f) => s + f.gzip, 0) };
}
