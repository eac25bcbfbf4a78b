/**
 * The message broker for processes: ProcessQueue (Python's multiprocessing.Queue), Pipe ends and
 * Process.join. Processes share no memory, so every channel lives here, on the host, and a process
 * only sends requests ('ipc' messages, src/runtime/protocol.ts) and awaits the reply.
 *
 * Channel state: a queue uses inbox[0]; a pipe's end e reads inbox[e] (what the other end sent).
 * A get on an empty inbox parks a getter, a put on a full bounded queue parks a putter; a parked
 * request with a timeout answers 'empty' / 'full' when it expires. maxsize <= 0 is unbounded, as in
 * Python. Replies go back to the requesting worker by reqId.
 *
 * Host side, platform-neutral; the Run owns one and closes it when the run ends (timers cleared,
 * parked requests dropped with their workers).
 */
import type { Encoded, HostToWorker, IpcRequest } from '../protocol.ts';

/** What the broker needs to know of a process for Process.join. */
export interface JoinableProcess {
  readonly ended: boolean;
  readonly exitCode: number | null;
  /** Called with the exit code when the process ends. */
  joiners: ((code: number | null) => void)[];
}

/** Posts a message to the worker that sent a request (it may already be gone: then nothing). */
export type ReplyTo = (message: HostToWorker) => void;

interface Waiter {
  reply: (ok: boolean, value: Encoded, error: string) => void;
  timer: ReturnType<typeof setTimeout> | null;
}

interface Channel {
  maxsize: number;
  inbox: [Encoded[], Encoded[]];
  getters: [Waiter[], Waiter[]];
  putters: { item: Encoded; waiter: Waiter }[];
}

export class MessageBroker {
  #channels = new Map<string, Channel>();
  #findProcess: (key: string) => JoinableProcess | undefined;

  constructor(findProcess: (key: string) => JoinableProcess | undefined) {
    this.#findProcess = findProcess;
  }

  /** Handles one request from a worker; the reply may come now or later (parked with its timeout). */
  request(post: ReplyTo, m: IpcRequest): void {
    const reply = (ok: boolean, value: Encoded, error = ''): void => post({ type: 'reply', reqId: m.reqId, ok, value, error });
    switch (m.op) {
      case 'create-queue':
        this.#channel(m.id).maxsize = m.maxsize;
        reply(true, null);
        break;
      case 'create-pipe':
        this.#channel(m.id);
        reply(true, null);
        break;
      case 'put': {
        const c = this.#channel(m.id);
        if (c.maxsize > 0 && c.inbox[0].length >= c.maxsize) {
          if (m.timeoutMs === 0) return reply(false, null, 'full');
          const entry = {
            item: m.item,
            waiter: this.#waiter(post, m.reqId, m.timeoutMs, () => {
              c.putters = c.putters.filter((p) => p !== entry);
              reply(false, null, 'full');
            }),
          };
          c.putters.push(entry);
          return;
        }
        this.#deliver(c, 0, m.item);
        reply(true, null);
        break;
      }
      case 'get':
      case 'recv': {
        const c = this.#channel(m.id);
        const end = m.op === 'get' ? 0 : m.end;
        if (c.inbox[end].length > 0) {
          reply(true, c.inbox[end].shift() ?? null);
          this.#admitPutter(c);
          return;
        }
        if (m.timeoutMs === 0) return reply(false, null, 'empty');
        const w = this.#waiter(post, m.reqId, m.timeoutMs, () => {
          c.getters[end] = c.getters[end].filter((g) => g !== w);
          reply(false, null, 'empty');
        });
        c.getters[end].push(w);
        break;
      }
      case 'send':
        // What end e sends arrives in the other end's inbox.
        this.#deliver(this.#channel(m.id), m.end === 0 ? 1 : 0, m.item);
        reply(true, null);
        break;
      case 'join': {
        const p = this.#findProcess(m.id);
        if (p === undefined) return reply(false, null, 'no such process');
        if (p.ended) return reply(true, p.exitCode);
        const w = this.#waiter(post, m.reqId, m.timeoutMs, () => {
          reply(false, null, 'timeout');
        });
        p.joiners.push((code) => w.reply(true, code, ''));
        break;
      }
    }
  }

  /** The run ended: no parked request may fire a timer afterwards. */
  close(): void {
    for (const c of this.#channels.values()) {
      for (const w of [...c.getters[0], ...c.getters[1], ...c.putters.map((p) => p.waiter)]) if (w.timer !== null) clearTimeout(w.timer);
    }
  }

  #channel(id: string): Channel {
    let c = this.#channels.get(id);
    if (c === undefined) {
      c = { maxsize: 0, inbox: [[], []], getters: [[], []], putters: [] };
      this.#channels.set(id, c);
    }
    return c;
  }

  #waiter(post: ReplyTo, reqId: number, timeoutMs: number, onTimeout: () => void): Waiter {
    const w: Waiter = {
      reply: (ok, value, error) => {
        if (w.timer !== null) clearTimeout(w.timer);
        post({ type: 'reply', reqId, ok, value, error });
      },
      timer: null,
    };
    if (timeoutMs >= 0) w.timer = setTimeout(onTimeout, timeoutMs);
    return w;
  }

  #deliver(c: Channel, end: 0 | 1, item: Encoded): void {
    const g = c.getters[end].shift();
    if (g !== undefined) g.reply(true, item, '');
    else c.inbox[end].push(item);
  }

  #admitPutter(c: Channel): void {
    const p = c.putters.shift();
    if (p === undefined) return;
    this.#deliver(c, 0, p.item);
    p.waiter.reply(true, null, '');
  }
}
