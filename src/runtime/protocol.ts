/**
 * The one protocol between hosts and workers. Every message has a literal `type`; payloads are plain
 * structured-clonable data (no functions, no class instances). Shared objects cross as descriptors
 * (see encode.ts) and are rebuilt as views over the same heap on the other side.
 *
 * Direction: HostToWorker goes from the host (page or Node parent) into a worker or child process;
 * WorkerToHost goes back. Workers never talk to each other directly: the host spawns every worker and
 * relays or brokers everything that is not in shared memory.
 */

/** A value as it crosses postMessage: JSON-like data, with shared objects replaced by descriptors. */
export type Encoded =
  | null
  | boolean
  | number
  | string
  | Encoded[]
  | { readonly [key: string]: Encoded }
  | Descriptor;

/** A shared object reduced to the numbers that locate it in the heap, or a message channel's id. */
export type Descriptor =
  | { readonly $interleave: 'SharedInt'; readonly index: number }
  | { readonly $interleave: 'SharedArray'; readonly type: 'int32' | 'float64'; readonly byteOffset: number; readonly length: number }
  | { readonly $interleave: 'Lock' | 'RLock' | 'Semaphore' | 'BoundedSemaphore' | 'Event' | 'Barrier'; readonly id: number }
  | { readonly $interleave: 'Condition'; readonly id: number; readonly lock: Descriptor }
  | { readonly $interleave: 'Queue'; readonly byteOffset: number }
  | { readonly $interleave: 'ProcessQueue'; readonly id: string }
  | { readonly $interleave: 'Connection'; readonly id: string; readonly end: 0 | 1 }
  /** The GIL model's interpreter (src/runtime/gil/): the word index of its block in the heap. */
  | { readonly $interleave: 'Interpreter'; readonly base: number };

/** What a worker runs: the example's default export (main), a named export, or a pool's worker loop. */
export type Target =
  | { readonly kind: 'main' }
  | { readonly kind: 'export'; readonly name: string }
  | { readonly kind: 'thread-pool'; readonly tasks: Descriptor; readonly results: Descriptor }
  | { readonly kind: 'process-pool'; readonly tasks: string; readonly results: string };

export type Role = 'main' | 'thread' | 'process';

export interface InitMessage {
  readonly type: 'init';
  readonly role: Role;
  /** The run's heap; null for a process (shares nothing) or a run without cross-origin isolation. */
  readonly heap: SharedArrayBuffer | null;
  /** Thread id (slot in the heap's thread table); 0 when the worker has no slot. */
  readonly tid: number;
  readonly name: string;
  /** URL of the compiled example module (browser: http(s) or blob URL; Node: file URL). */
  readonly exampleUrl: string;
  readonly target: Target;
  readonly args: readonly Encoded[];
  /** Parameters of the run, passed to main. */
  readonly params: Readonly<Record<string, number>>;
  /** Host clock (ms, performance.timeOrigin + now()) at the start of the run. */
  readonly epochMs: number;
  /** Unique prefix for ids this worker makes up (process queues, pipes, processes). */
  readonly idPrefix: string;
  /** Present only in a step run (docs/stepping.md): the thread stops before every operation. */
  readonly step?: { readonly locate: boolean };
}

/** Reply to a WorkerToHost request (`reqId`), e.g. a ProcessQueue get or a Process join. */
export interface ReplyMessage {
  readonly type: 'reply';
  readonly reqId: number;
  readonly ok: boolean;
  readonly value: Encoded;
  /** When ok is false: why (timeout -> 'empty' / 'full', or an error message). */
  readonly error: string;
}

export type HostToWorker = InitMessage | ReplyMessage;

export interface PrintMessage {
  readonly type: 'print';
  /** Global order from the heap's H_PRINT_SEQ; -1 without a heap (the host then uses arrival order). */
  readonly seq: number;
  readonly thread: string;
  readonly stream: 'out' | 'err';
  readonly text: string;
}

export interface SpawnMessage {
  readonly type: 'spawn';
  readonly role: 'thread' | 'process';
  /** Thread id already reserved in the heap (threads); 0 for processes. */
  readonly tid: number;
  /** Process key made up by the starter (processes); '' for threads. */
  readonly key: string;
  readonly name: string;
  readonly target: Target;
  readonly args: readonly Encoded[];
}

/** Names travel once, at creation; the heap holds only the changing numbers. */
export interface NameMessage {
  readonly type: 'name';
  readonly what: 'object' | 'counter';
  /** Object id or counter index. */
  readonly id: number;
  readonly name: string;
}

export interface ThreadErrorMessage {
  readonly type: 'thread-error';
  readonly thread: string;
  readonly message: string;
  /** Python-style report: "Exception in thread T1:" + the stack, mapped to TypeScript lines. */
  readonly traceback: string;
}

/** The worker's target returned (or threw); the host may end the worker. */
export interface DoneMessage {
  readonly type: 'done';
  readonly ok: boolean;
}

/** A request to the host's message broker (process queues, pipes, process joins). */
export type IpcRequest =
  | { readonly type: 'ipc'; readonly reqId: number; readonly op: 'create-queue'; readonly id: string; readonly maxsize: number }
  | { readonly type: 'ipc'; readonly reqId: number; readonly op: 'create-pipe'; readonly id: string; readonly duplex: boolean }
  | { readonly type: 'ipc'; readonly reqId: number; readonly op: 'put'; readonly id: string; readonly item: Encoded; readonly timeoutMs: number }
  | { readonly type: 'ipc'; readonly reqId: number; readonly op: 'get'; readonly id: string; readonly timeoutMs: number }
  | { readonly type: 'ipc'; readonly reqId: number; readonly op: 'send'; readonly id: string; readonly end: 0 | 1; readonly item: Encoded }
  | { readonly type: 'ipc'; readonly reqId: number; readonly op: 'recv'; readonly id: string; readonly end: 0 | 1; readonly timeoutMs: number }
  | { readonly type: 'ipc'; readonly reqId: number; readonly op: 'join'; readonly id: string; readonly timeoutMs: number };

export type WorkerToHost = PrintMessage | SpawnMessage | NameMessage | ThreadErrorMessage | DoneMessage | IpcRequest;

export function isWorkerToHost(m: unknown): m is WorkerToHost {
  return typeof m === 'object' && m !== null && typeof (m as { type?: unknown }).type === 'string';
}
