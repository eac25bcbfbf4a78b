// @ts-check
/** `npm start` / `npm run serve`: serve the built site on localhost with isolation headers. */
import { fileURLToPath } from 'node:url';
import { startStaticServer } from './static-server.mjs';

const port = Number(process.env.PORT ?? 4321);
const isolation = !process.argv.includes('--no-isolation');
const root = fileURLToPath(new URL('../dist/', import.meta.url));
const { url } = await startStaticServer({ root, port, host: '127.0.0.1', isolation });
console.log(`Interleave is served at ${url}/ (cross-origin isolated: ${isolation ? 'yes' : 'no'}). Ctrl+C stops it.`);
