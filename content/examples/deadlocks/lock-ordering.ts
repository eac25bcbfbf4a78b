/**
 * The opposite-order deadlock, fixed by one global lock order.
 *
 * Two accounts, each with its own lock. T1 moves money from account 1 to account 2 while T2 moves
 * money from account 2 to account 1, so each thread "wants" the locks in the opposite order, as in
 * deadlocks/opposite-order. The fix: every thread takes the locks in the same global order, lowest
 * account number first, whatever the direction of the transfer. A cycle in the wait-for graph would
 * need some thread to hold a higher lock while waiting for a lower one, and nobody ever does that.
 *
 * On its first transfer each thread holds its first lock for 10 ms before taking the second: the
 * window in which the opposite-order version always deadlocks. Here the second thread simply waits
 * for the first lock instead of grabbing the other one.
 */
import { Lock, Thread, counter, print, progress, sleep, type ExampleMeta, type SharedInt } from 'interleave';

export const meta: ExampleMeta = {
  title: 'Two locks, one global order',
  summary:
    'The same two threads and two locks as the opposite-order deadlock, but both threads take the lower-numbered lock first. No cycle can form: every transfer completes and no money is lost.',
  params: {
    n: { default: 100_000, min: 1_000, max: 1_000_000, step: 1_000, label: 'Transfers per thread' },
  },
  expect: { kind: 'exact', counter: 'transfers' },
  // Step mode: one transfer each way. Explore then tries every order of the acquires, the orders
  // that deadlock opposite-order included, and none can form a cycle.
  step: { params: { n: 1 }, ranges: { n: { min: 1, max: 2 } } },
};

/** An account: its number (which fixes its place in the lock order), its balance and its lock. */
interface Account {
  no: number;
  balance: SharedInt;
  lock: Lock;
}

function transfer(from: Account, to: Account, amount: number, lingerMs: number): void {
  // The global order: the account with the lower number is always locked first.
  const [first, second] = from.no < to.no ? [from, to] : [to, from];
  first.lock.acquire();
  try {
    if (lingerMs > 0) sleep(lingerMs / 1000); // the moment the opposite-order version deadlocks
    second.lock.acquire();
    try {
      from.balance.value -= amount;
      to.balance.value += amount;
    } finally {
      second.lock.release();
    }
  } finally {
    first.lock.release();
  }
}

export function mover(from: Account, to: Account, transfers: SharedInt, n: number): void {
  for (let i = 0; i < n; i++) {
    transfer(from, to, 1, i === 0 ? 10 : 0);
    transfers.add(1);
    if (i % 8_192 === 0) progress(i, n);
  }
  progress(n, n);
}

export default function main({ n }: { n: number }): void {
  const one: Account = { no: 1, balance: counter('account 1', { initial: 1_000_000 }), lock: new Lock({ name: 'account 1' }) };
  const two: Account = { no: 2, balance: counter('account 2', { initial: 1_000_000 }), lock: new Lock({ name: 'account 2' }) };
  const transfers = counter('transfers', { expected: 2 * n });
  const t1 = new Thread(mover, [one, two, transfers, n], { name: 'T1' }); // 1 -> 2
  const t2 = new Thread(mover, [two, one, transfers, n], { name: 'T2' }); // 2 -> 1
  t1.start();
  t2.start();
  t1.join();
  t2.join();
  print(`${transfers.value} transfers; balances ${one.balance.value} + ${two.balance.value} = ${one.balance.value + two.balance.value}`);
}
