/**
 * Words for steps: object names, "T1: load total → ?" texts, TypeScript locations. Host side, pure
 * over the heap and the names the run received (docs/stepping.md, PendingOp and StepRecord).
 */
import { C_INDEX, H_NEXT_COUNTER, MAX_COUNTERS, OBJECT_KIND_NAMES, O_KIND, StepObj, WAIT_KIND_NAMES, counterWord, objectWord } from '../layout.ts';
import { originalPosition, type SourceMap } from '../sourcemap.ts';
import type { RunNames } from '../telemetry.ts';
import type { Pending } from './step-runner.ts';

export interface SourceLocation {
  file: string;
  line: number;
  column: number;
}

/** Thread number of a thread id: main (tid 1) is 0, the k-th started thread k. */
export function threadNumber(tid: number): number {
  return tid - 1;
}

export function threadLabel(names: RunNames, tid: number): string {
  return names.threads.get(tid) ?? (tid === 1 ? 'MainThread' : `thread ${threadNumber(tid)}`);
}

/** Short name used in step texts: main is "M". */
export function threadShort(names: RunNames, tid: number): string {
  return tid === 1 ? 'M' : threadLabel(names, tid);
}

/** Name of the SharedInt whose value lives at word `index`: its counter name, or "int@<word>". */
export function wordName(h: Int32Array, names: RunNames, index: number): string {
  const n = Math.min(Atomics.load(h, H_NEXT_COUNTER), MAX_COUNTERS);
  for (let i = 0; i < n; i++) if (Atomics.load(h, counterWord(i, C_INDEX)) === index) return names.counters.get(i) ?? `counter ${i}`;
  return `int@${index}`;
}

export function objectLabel(h: Int32Array, names: RunNames, id: number): string {
  return names.objects.get(id) ?? `${OBJECT_KIND_NAMES[Atomics.load(h, objectWord(id, O_KIND))] ?? 'object'}-${id}`;
}

/** What a pending operation acts on, e.g. "total", "A", "T1", "array@4096[3]". */
export function pendingObject(h: Int32Array, names: RunNames, p: Pending): string {
  switch (p.objKind) {
    case StepObj.WORD:
      return wordName(h, names, p.obj);
    case StepObj.ARRAY:
      return `array@${p.obj}[${p.arg}]`;
    case StepObj.OBJECT:
      return objectLabel(h, names, p.obj);
    case StepObj.THREAD:
      return threadLabel(names, p.obj);
    default:
      return p.op === 'put' || p.op === 'get' ? 'queue' : '';
  }
}

/**
 * "T1: load total → ?" before the step (result undefined), "T1: load total → 0" after it.
 */
export function stepText(h: Int32Array, names: RunNames, p: Pending, result?: number): string {
  const who = threadShort(names, p.tid);
  const obj = pendingObject(h, names, p);
  const r = result === undefined ? '?' : String(result);
  switch (p.op) {
    case 'load':
    case 'get':
      return p.objKind === StepObj.NONE ? `${who}: get from queue` : `${who}: ${p.op === 'get' ? 'read' : 'load'} ${obj} → ${r}`;
    case 'store':
      return `${who}: store ${obj} ← ${p.arg}`;
    case 'set':
      return p.objKind === StepObj.ARRAY ? `${who}: write ${obj} ← ${p.arg2}` : `${who}: set ${obj}`;
    case 'add':
    case 'sub':
    case 'and':
    case 'or':
    case 'xor':
    case 'exchange':
      return `${who}: ${p.op} ${obj} ${p.objKind === StepObj.ARRAY ? p.arg2 : p.arg} (atomic) → was ${r}`;
    case 'compareExchange':
      return `${who}: compareExchange ${obj} ${p.objKind === StepObj.ARRAY ? `${p.arg2}` : `${p.arg} → ${p.arg2}`} (atomic) → was ${r}`;
    case 'wait':
      if (p.objKind === StepObj.WORD) {
        const kind = WAIT_KIND_NAMES[p.waitKind] ?? 'wait';
        const what = p.waitKind === 0 ? `word ${p.obj}` : `${kind} ${kind === 'join' ? threadLabel(names, p.waitObj) : objectLabel(h, names, p.waitObj)}`;
        return `${who}: wake up (waiting for ${what})`;
      }
      return `${who}: wait ${obj}`;
    case 'put':
      return `${who}: put on queue`;
    case 'sleep':
      return `${who}: sleep ${p.arg} ms`;
    default:
      return `${who}: ${p.op} ${obj}`.trimEnd();
  }
}

/** Why a parked thread cannot take its step: "lock A", "join T1", "condition c", ... */
export function blockedOn(h: Int32Array, names: RunNames, p: Pending): string {
  if (p.op === 'wait' && p.objKind === StepObj.WORD) {
    const kind = WAIT_KIND_NAMES[p.waitKind] ?? 'wait';
    return p.waitKind === 0 ? `word ${p.obj}` : `${kind} ${kind === 'join' ? threadLabel(names, p.waitObj) : objectLabel(h, names, p.waitObj)}`;
  }
  const obj = pendingObject(h, names, p);
  if (p.op === 'join') return `join ${obj}`;
  if (p.op === 'acquire') return `${OBJECT_KIND_NAMES[Atomics.load(h, objectWord(p.obj, O_KIND))] === 'Semaphore' ? 'semaphore' : 'lock'} ${obj}`;
  return `${p.op} ${obj}`;
}

/** TypeScript position of a generated (1-based) position, through the example's source map. */
export function locate(map: SourceMap | null, line: number, col: number): SourceLocation | null {
  if (map === null || line <= 0) return null;
  const pos = originalPosition(map, line, col);
  return pos === null ? null : { file: pos.source.replace(/^.*?([^/\\]+\/[^/\\]+\.ts)$/, '$1'), line: pos.line, column: pos.column };
}
