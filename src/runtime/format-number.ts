/**
 * Numbers as `toLocaleString('en-US')` writes them ("1,372,018", "0.125"), without Intl.
 *
 * Why not Intl: the first `toLocaleString` or `new Intl.NumberFormat` in a page loads ICU's locale
 * data, 50–115 ms on one core here (measured in Chromium, before any throttling). The example island
 * formats its parameter ranges when it hydrates, so that one call was the page's longest task and
 * cost the embed its Lighthouse performance score. Same output, checked against Intl by
 * test/unit/runtime/format-number.test.ts; browser-safe and pure.
 */
export function formatNumber(n: number): string {
  if (Number.isNaN(n)) return 'NaN';
  if (!Number.isFinite(n)) return n < 0 ? '-∞' : '∞';
  const negative = n < 0 || Object.is(n, -0);
  const abs = Math.abs(n);
  // Far outside what any example prints; Intl writes every digit of 1e21 and up.
  if (abs >= 1e21) return n.toLocaleString('en-US');
  // en-US defaults: at most three fraction digits, trailing zeros dropped, and ICU rounds the
  // shortest decimal that names the double (what String(n) prints), half away from zero: 1.0005 is
  // "1.001" although the double is a hair below 1.0005. So round that decimal string, not the double.
  const plain = abs < 1e-6 ? '0' : abs.toString(); // below 1e-6 String() uses exponents; rounds to 0
  const [whole = '0', fraction = ''] = plain.split('.');
  let digits = whole + fraction.slice(0, 3).padEnd(3, '0');
  if ((fraction[3] ?? '0') >= '5') digits = (BigInt(digits) + 1n).toString().padStart(4, '0');
  const intPart = digits.slice(0, -3);
  const frac = digits.slice(-3).replace(/0+$/, '');
  return `${negative ? '-' : ''}${intPart.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${frac ? `.${frac}` : ''}`;
}
