/**
 * An actor: a process that owns a piece of state and changes it only in answer to messages.
 *
 * The bank-account actor keeps a balance that nobody else can touch. Two client processes each send
 * it deposit messages; a third message asks for the balance and names a queue for the reply. The
 * actor handles one message at a time, to completion, so there is no lost update and no lock: the
 * mailbox serializes the changes. This is the model of Erlang processes and Akka actors (without
 * their supervision trees and addressing); here the mailbox is a ProcessQueue.
 */
import { Process, ProcessQueue, print, type ExampleMeta } from 'interleave';

export const meta: ExampleMeta = {
  title: 'An actor owns its state',
  summary: 'Two client processes send deposits to an account actor, a process that alone holds the balance and handles one message at a time: the balance is exact with no lock and no shared memory.',
  params: {
    deposits: { default: 300, min: 1, max: 3_000, label: 'Deposits per client' },
  },
  needs: 'messages',
  expect: { kind: 'output', includes: ['balance correct: yes', 'account exit code 0'] },
};

type Message = { kind: 'deposit'; amount: number } | { kind: 'balance'; replyTo: ProcessQueue<number> } | { kind: 'stop' };

/** The actor. Its state is a local variable: no other process can reach it. */
export async function account(mailbox: ProcessQueue<Message>): Promise<void> {
  let balance = 0;
  for (;;) {
    const m = await mailbox.get(); // one message at a time, each handled to the end
    if (m.kind === 'deposit') balance += m.amount;
    else if (m.kind === 'balance') await m.replyTo.put(balance);
    else return;
  }
}

export async function client(mailbox: ProcessQueue<Message>, deposits: number, done: ProcessQueue<string>, name: string): Promise<void> {
  for (let i = 0; i < deposits; i++) await mailbox.put({ kind: 'deposit', amount: 1 });
  await done.put(name);
}

export default async function main({ deposits }: { deposits: number }): Promise<void> {
  const mailbox = new ProcessQueue<Message>();
  const done = new ProcessQueue<string>();
  const actor = new Process(account, [mailbox], { name: 'account' });
  actor.start();
  const clients = ['client-1', 'client-2'].map((name) => new Process(client, [mailbox, deposits, done, name], { name }));
  for (const c of clients) c.start();
  for (const _ of clients) print(`${await done.get()} has sent all its deposits`);
  // Both clients put their deposits before saying done, so the balance request queues behind them.
  const reply = new ProcessQueue<number>();
  await mailbox.put({ kind: 'balance', replyTo: reply });
  const balance = await reply.get();
  await mailbox.put({ kind: 'stop' });
  print(`balance ${balance}; balance correct: ${balance === 2 * deposits ? 'yes' : 'no'}`);
  for (const p of [...clients, actor]) print(`${p.name} exit code ${await p.join()}`);
}
