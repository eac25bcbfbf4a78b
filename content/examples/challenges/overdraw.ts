/**
 * Challenge: check-then-act. Overdraw a bank account that checks the balance before every withdrawal.
 *
 * Each customer checks that the balance covers the amount, then withdraws it. The check is one
 * atomic load and the withdrawal one atomic subtraction: each step on its own is indivisible, and
 * neither can lose an update. The bug is the gap between them: a decision taken on a value that
 * another thread may change before the action. Python's glossary names the pattern "look before you
 * leap" and warns that between the looking and the leaping another thread can change what was
 * looked at (https://docs.python.org/3/glossary.html#term-LBYL). The fix makes check and act one
 * step: a lock around both, or a compareExchange that withdraws only from the balance it checked.
 *
 * Between the check and the withdrawal the customer waits 100 ms for the bank's approval (a sleep).
 * It widens the gap so that Run, on real cores, goes through it every time; in step mode time does
 * not pass and a sleep is not a choice: only the order of the steps matters.
 */
import { Thread, assert, counter, print, sleep, type ExampleMeta, type SharedInt } from 'interleave';

export const meta: ExampleMeta = {
  title: 'Challenge: overdraw the account',
  summary: 'Customers check that the balance covers 100, then withdraw 100. The check and the withdrawal are each atomic; the pair is not, and the balance goes below zero.',
  params: {
    customers: { default: 2, min: 2, max: 6, label: 'Customers' },
  },
  expect: { kind: 'error', includes: 'AssertionError' },
  // Step mode: two steps per customer (check, withdraw).
  step: { params: { customers: 2 }, ranges: { customers: { min: 2, max: 3 } } },
  challenge: {
    goal: 'Make the balance go below zero, so that the assertion after the withdrawal fails.',
    win: { kind: 'error', includes: 'AssertionError' },
    hints: [
      'The account holds one withdrawal. Let T1 finish first and T2 is declined: the order of the checks is what matters.',
      'A check is only true at the moment it is made. What if both customers check before either withdraws?',
      'Step T1 through its check (it reads 100), then step T2 through its check; now let them withdraw.',
    ],
    order: 70,
  },
};

const AMOUNT = 100;

/** One customer: check the balance, wait for approval, withdraw. */
export function customer(balance: SharedInt): void {
  // Check ... (another customer may withdraw between here and the sub below) ...
  if (balance.load() >= AMOUNT) {
    sleep(0.1); // the bank approves the withdrawal: 100 ms in which the balance may change
    // ... then act. sub() returns the balance before it, atomically.
    const after = balance.sub(AMOUNT) - AMOUNT;
    assert(after >= 0, `the balance went to ${after}: two withdrawals passed one check`);
    print(`withdrew ${AMOUNT}, balance ${after}`);
  } else {
    print('declined: not enough money');
  }
}

export default function main({ customers }: { customers: number }): void {
  // The account holds enough for exactly one withdrawal.
  const balance = counter('balance', { initial: AMOUNT });
  const threads = Array.from({ length: customers }, (_, i) => new Thread(customer, [balance], { name: `T${i + 1}` }));
  for (const t of threads) t.start();
  for (const t of threads) t.join();
}
