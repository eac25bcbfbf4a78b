/**
 * CSP hashes of the inline scripts the built site has (written by `npm run headers:update` from
 * dist/, checked against the build by test/site/host-configs.test.ts). Each one, and why it is inline:
 *   sha256-Q2BPg90ZMplY…  (()=>{var a=(s,i,o)=>{let r=async()=>{await(await s())()},t=
 *   sha256-Ya0pUYrC7nM5…  (()=>{var g=Object.defineProperty;var w=(a,s,c)=>s in a?g(a,
 *   sha256-j/FR/mKYOFjz…  try { const t = localStorage.getItem('interleave:theme'); if
 */
export const inlineScriptHashes = Object.freeze([
  'sha256-Q2BPg90ZMplYY+FSdApNErhpWafg2hcRRbndmvxuL/Q=',
  'sha256-Ya0pUYrC7nM5Cn/056TyVuEiz6dFGrzmkWzgON0pF0U=',
  'sha256-j/FR/mKYOFjzA+UpcPCeXuGfY6Fk1HLpkj7suo8M5x4=',
]);
