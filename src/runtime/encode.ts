/**
 * Crossing postMessage: values are copied (structured clone), but shared objects must arrive as
 * views over the same memory. Each handle class can describe itself (DESCRIBE) as a small descriptor
 * (an offset or id) and registers a decoder that rebuilds a handle from it on the other side.
 *
 * Threads may receive any shared object. Processes share nothing: only message channels
 * (ProcessQueue, Pipe ends) may be passed to them; anything else is an error that says what to use.
 */
import type { Descriptor, Encoded } from './protocol.ts';

export const DESCRIBE: unique symbol = Symbol('interleave.describe');

export interface Describable {
  [DESCRIBE](): Descriptor;
}

type Decoder = (d: Descriptor) => unknown;
const decoders = new Map<string, Decoder>();

export function registerDecoder(kind: Descriptor['$interleave'], decode: Decoder): void {
  decoders.set(kind, decode);
}

const PROCESS_SAFE = new Set<string>(['ProcessQueue', 'Connection']);

function isDescribable(v: object): v is Describable {
  return DESCRIBE in v;
}

/**
 * Encodes arguments for a Thread (`forProcess` false) or a Process (true). Plain data is copied as
 * is; functions, class instances other than handles, and shared objects passed to a process throw.
 */
export function encodeValue(v: unknown, forProcess: boolean, path = 'argument'): Encoded {
  if (v === null || typeof v === 'boolean' || typeof v === 'number' || typeof v === 'string') return v;
  if (v === undefined) return null;
  if (typeof v === 'function') throw new TypeError(`${path}: functions cannot be passed to a thread or process; pass data, or export the function and pass its name`);
  if (typeof v !== 'object') throw new TypeError(`${path}: cannot pass a ${typeof v} to a thread or process`);
  if (isDescribable(v)) {
    const d = v[DESCRIBE]();
    if (forProcess && !PROCESS_SAFE.has(d.$interleave)) {
      throw new TypeError(
        `${path}: a ${d.$interleave} cannot be passed to a Process. Processes share no memory: their arguments are copied. ` +
          'Use a ProcessQueue or a Pipe to send data between processes (or explicit shared memory between threads).',
      );
    }
    return d;
  }
  if (v instanceof SharedArrayBuffer || ArrayBuffer.isView(v)) {
    throw new TypeError(`${path}: pass shared memory as a SharedInt or SharedArray to a Thread; a Process cannot share memory — use a ProcessQueue or a Pipe`);
  }
  if (Array.isArray(v)) return v.map((x, i) => encodeValue(x, forProcess, `${path}[${i}]`));
  const proto: unknown = Object.getPrototypeOf(v);
  if (proto !== Object.prototype && proto !== null) {
    throw new TypeError(`${path}: only plain objects, arrays and shared objects can be passed to a thread or process`);
  }
  const out: Record<string, Encoded> = {};
  for (const [k, x] of Object.entries(v)) out[k] = encodeValue(x, forProcess, `${path}.${k}`);
  return out;
}

function isDescriptor(v: object): v is Descriptor {
  return typeof (v as { $interleave?: unknown }).$interleave === 'string';
}

/** Rebuilds values on the receiving side: descriptors become handles over the same memory. */
export function decodeValue(v: Encoded): unknown {
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map(decodeValue);
  if (isDescriptor(v)) {
    const decode = decoders.get(v.$interleave);
    if (decode === undefined) throw new Error(`interleave: cannot rebuild a ${v.$interleave} here`);
    return decode(v);
  }
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) out[k] = decodeValue(x as Encoded);
  return out;
}
