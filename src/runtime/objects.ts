/**
 * Allocation of synchronization-object slots in the heap's object table, and their names.
 * An object's id is its slot index; its name is sent to the host once, so that telemetry and deadlock
 * reports can say "waits for lock A" while the heap only holds numbers.
 */
import { ctx, heap, post } from './context.ts';
import { H_NEXT_OBJ, MAX_OBJECTS, OBJECT_KIND_NAMES, O_KIND, objectWord, type ObjectKind } from './layout.ts';

export function allocObject(kind: ObjectKind, name: string | undefined): number {
  const h = heap();
  const id = Atomics.add(h, H_NEXT_OBJ, 1);
  if (id >= MAX_OBJECTS) throw new RangeError(`interleave: too many synchronization objects (at most ${MAX_OBJECTS - 1} per run)`);
  Atomics.store(h, objectWord(id, O_KIND), kind);
  // The name goes out before the object can be used by anyone else (it is only shared after this).
  if (ctx.port !== null) post({ type: 'name', what: 'object', id, name: name ?? `${OBJECT_KIND_NAMES[kind]}-${id}` });
  return id;
}
