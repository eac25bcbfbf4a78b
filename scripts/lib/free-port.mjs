// @ts-check
/**
 * A TCP port the OS just handed out on loopback, for a program that cannot listen on port 0 and
 * report what it got (nginx, WebKitWebDriver). Another process could take it before the program
 * binds it; callers that can tell (the program exits, or never answers) try again with a new one.
 * @returns {Promise<number>}
 */
import { createServer } from 'node:net';

export function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}
