/**
 * Copying vs transferring a large buffer through postMessage, measured.
 *
 * postMessage copies what it sends with the structured clone algorithm: a 64 MiB ArrayBuffer means
 * 64 MiB written again on the other side. Listing the buffer as transferable instead moves it: the
 * receiver gets the same memory and the sender's buffer is detached (its length drops to 0), so
 * there is nothing to copy. The interleave runtime's own channels only copy, so this example uses the
 * platform's MessageChannel directly, inside one worker: the two ports behave as they would between
 * two workers, minus the hop to another thread, so the times are the cost of the cloning itself.
 */
import { print, type ExampleMeta } from 'interleave';

export const meta: ExampleMeta = {
  title: 'Copy or transfer a big buffer',
  summary: 'Sends one large ArrayBuffer through a MessageChannel twice: once copied (structured clone), once transferred. The copy takes time in proportion to the size; the transfer takes almost none and leaves the sender with an empty buffer.',
  params: {
    mib: { default: 64, min: 1, max: 256, label: 'Buffer size (MiB)' },
  },
  needs: 'messages',
  expect: {
    kind: 'output',
    includes: ['copy: receiver has the data: yes; sender still has its buffer: yes', 'transfer: receiver has the data: yes; sender still has its buffer: no (detached, 0 bytes)'],
  },
};

/** Sends `buf` from one port to the other, transferring it or not; resolves when it has arrived. */
function send(buf: ArrayBuffer, transfer: boolean): Promise<{ received: ArrayBuffer; ms: number }> {
  const { port1, port2 } = new MessageChannel();
  return new Promise((resolve) => {
    const t0 = performance.now();
    port2.onmessage = (e: MessageEvent<ArrayBuffer>) => {
      const ms = performance.now() - t0;
      port1.close();
      port2.close();
      resolve({ received: e.data, ms });
    };
    port1.postMessage(buf, transfer ? [buf] : []);
  });
}

function filled(bytes: number): ArrayBuffer {
  const buf = new ArrayBuffer(bytes);
  const view = new Uint8Array(buf);
  for (let i = 0; i < view.length; i += 4096) view[i] = (i / 4096) & 0xff; // touch every page
  view[view.length - 1] = 42;
  return buf;
}

function intact(buf: ArrayBuffer, bytes: number): boolean {
  const view = new Uint8Array(buf);
  return buf.byteLength === bytes && view[view.length - 1] === 42 && view[4096 * 3] === 3;
}

export default async function main({ mib }: { mib: number }): Promise<void> {
  const bytes = mib * 1024 * 1024;
  for (const transfer of [false, true]) {
    const buf = filled(bytes);
    const { received, ms } = await send(buf, transfer);
    const label = transfer ? 'transfer' : 'copy';
    print(`${label}: ${mib} MiB arrived after ${ms.toFixed(1)} ms`);
    const kept = buf.byteLength === bytes ? 'yes' : `no (detached, ${buf.byteLength} bytes)`;
    print(`${label}: receiver has the data: ${intact(received, bytes) ? 'yes' : 'no'}; sender still has its buffer: ${kept}`);
  }
}
