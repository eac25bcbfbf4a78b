/**
 * The headers every server of this project sends. SharedArrayBuffer exists only in a
 * cross-origin isolated page (COOP same-origin + COEP require-corp); CORP same-origin
 * lets our own assets load under require-corp. One list, used by `npm start`, `npm run dev`,
 * the test server and the `_headers` file for static hosts.
 */
export const isolationHeaders = Object.freeze({
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Cross-Origin-Resource-Policy': 'same-origin',
});
