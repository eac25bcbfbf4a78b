/** Programs the edit tests type into an example's editor, shared by every engine's suite. */

/**
 * Thread "Bad" throws on line 4 (the line a traceback must name); thread "Good" prints "other done",
 * which shows that one thread's exception does not stop the others.
 */
export const THROWING_THREAD = [
  "import { Thread, print } from 'interleave';",
  "export const meta = { title: 't', summary: 's', expect: { kind: 'output', includes: ['other done'] } };",
  'export function bad(): void {',
  "  throw new Error('boom');",
  '}',
  'export function good(): void {',
  "  print('other done');",
  '}',
  'export default function main() {',
  "  const a = new Thread(bad, [], { name: 'Bad' });",
  "  const b = new Thread(good, [], { name: 'Good' });",
  '  a.start(); b.start(); a.join(); b.join();',
  '}',
  '',
].join('\n');

/** A program that prints `text`: proof that the edit, not the original, was compiled and ran. */
export const printing = (text: string) =>
  `import { print } from 'interleave';\nexport const meta = { title: 't', summary: 's', expect: { kind: 'output', includes: ['${text}'] } };\nexport default function main() {\n  print('${text}');\n}\n`;
