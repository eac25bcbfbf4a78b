/**
 * A stand-in for a course page (an LMS) on another origin, with no isolation headers: any path
 * answers a page that frames the URL given in ?src=. The site is served on 127.0.0.1 and this page is
 * addressed as localhost, so the frame is cross-origin. Used by the embed tests of every engine.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export async function startLmsPage(): Promise<{ origin: string; pageFraming(src: string): string; close(): Promise<void> }> {
  const server = createServer((req, res) => {
    const src = new URL(req.url ?? '/', 'http://x').searchParams.get('src') ?? '';
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(
      `<!doctype html><html lang="en"><title>Course week 3</title><h1>Week 3: races</h1>` +
        `<iframe title="Runnable example" src="${src.replace(/"/g, '&quot;')}" width="900" height="700"></iframe></html>`,
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://localhost:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    pageFraming: (src) => `${origin}/course/week-3?src=${encodeURIComponent(src)}`,
    close: () => new Promise((r) => server.close(() => r())),
  };
}
