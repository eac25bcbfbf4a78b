/**
 * Challenge: deadlock them.
 *
 * Two bank accounts, each with its own lock. A transfer locks the account it takes money from, then
 * the one it pays into. T1 pays from A to B while T2 pays from B to A: each may hold its first lock
 * and wait for the other's. Whether they do depends only on the order of four acquires.
 *
 * Run makes the deadlock certain with a barrier between the two acquires (`barrier: 1`); step mode
 * takes it out (`barrier: 0`), so the reader decides.
 */
import { Barrier, Lock, Thread, counter, print, type ExampleMeta, type SharedInt } from 'interleave';

export const meta: ExampleMeta = {
  title: 'Two transfers, two locks',
  summary: 'T1 moves money from A to B, T2 from B to A; each transfer locks the payer first, then the payee. The wrong interleaving of four acquires stops both forever.',
  timeLimitMs: 5000,
  expect: { kind: 'deadlock' },
  step: { params: { barrier: 0 } },
  challenge: {
    goal: 'Deadlock T1 and T2: each must end up waiting for a lock the other holds.',
    win: { kind: 'deadlock' },
    hints: [
      'A deadlock needs each thread to hold one lock and want the other.',
      'Each transfer takes two locks, in the order payer then payee, and T1 and T2 pay in opposite directions.',
      'Step T1 once (it takes A), then T2 once (it takes B). Now every thread is blocked.',
    ],
    order: 30,
  },
};

interface Account {
  lock: Lock;
  balance: SharedInt;
}

export function transfer(from: Account, to: Account, amount: number, bothHoldOne: Barrier | null): void {
  from.lock.acquire();
  bothHoldOne?.wait(); // Run only: wait until the other transfer holds its first lock too
  to.lock.acquire();
  from.balance.sub(amount);
  to.balance.add(amount);
  to.lock.release();
  from.lock.release();
}

export default function main({ barrier = 1 }: { barrier?: number }): void {
  const a: Account = { lock: new Lock({ name: 'A' }), balance: counter('A', { expected: 100 }) };
  const b: Account = { lock: new Lock({ name: 'B' }), balance: counter('B', { expected: 100 }) };
  a.balance.value = 100;
  b.balance.value = 100;
  const bothHoldOne = barrier === 1 ? new Barrier(2) : null;
  const t1 = new Thread(transfer, [a, b, 30, bothHoldOne], { name: 'T1' });
  const t2 = new Thread(transfer, [b, a, 30, bothHoldOne], { name: 'T2' });
  t1.start();
  t2.start();
  t1.join();
  t2.join();
  print(`A = ${a.balance.value}, B = ${b.balance.value}`);
}
