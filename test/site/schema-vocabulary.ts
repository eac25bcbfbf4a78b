/**
 * The schema.org vocabulary, read from schema-dts (generated from schema.org's published
 * definitions): for each type, every property it may have, its own and its supertypes'. Lets a test
 * check the site's JSON-LD property by property against the vocabulary, not against our own list.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);

export function schemaVocabulary(): Map<string, Set<string>> {
  const dts = readFileSync(path.join(path.dirname(require.resolve('schema-dts/package.json')), 'dist/schema.d.ts'), 'utf8');
  const own = new Map<string, Set<string>>();
  const parents = new Map<string, string[]>();
  for (const m of dts.matchAll(/^interface (\w+)Base extends ([^{]+)\{\n([\s\S]*?)^\}/gm)) {
    const name = m[1] ?? '';
    parents.set(name, [...(m[2] ?? '').matchAll(/\b(\w+)Base\b/g)].map((p) => p[1] ?? ''));
    own.set(name, new Set([...(m[3] ?? '').matchAll(/^ {4}"([\w-]+)"\?:/gm)].map((p) => p[1] ?? '')));
  }
  const types = new Map<string, Set<string>>();
  const all = (t: string, seen = new Set<string>()): Set<string> => {
    if (seen.has(t)) return new Set();
    seen.add(t);
    const out = new Set(own.get(t) ?? []);
    for (const p of parents.get(t) ?? []) for (const x of all(p, seen)) out.add(x);
    return out;
  };
  for (const m of dts.matchAll(/^export interface (\w+)Leaf extends (\w+)Base \{\n\s+"@type": "(\w+)";/gm)) {
    types.set(m[3] ?? '', all(m[2] ?? ''));
  }
  return types;
}

/** Every property of every typed node (recursively) that none of the node's types defines. */
export function unknownProperties(node: unknown, vocabulary: Map<string, Set<string>>, at = '$'): string[] {
  if (Array.isArray(node)) return node.flatMap((n, i) => unknownProperties(n, vocabulary, `${at}[${i}]`));
  if (node === null || typeof node !== 'object') return [];
  const obj = node as Record<string, unknown>;
  const t = obj['@type'];
  const types = Array.isArray(t) ? (t as string[]) : typeof t === 'string' ? [t] : [];
  const problems: string[] = [];
  for (const type of types) if (!vocabulary.has(type)) problems.push(`${at}: no type ${type} in schema.org`);
  for (const [key, value] of Object.entries(obj)) {
    if (key.startsWith('@')) continue;
    if (types.length > 0 && !types.some((type) => vocabulary.get(type)?.has(key))) problems.push(`${at}.${key}: not a property of ${types.join(' or ')}`);
    problems.push(...unknownProperties(value, vocabulary, `${at}.${key}`));
  }
  return problems;
}
