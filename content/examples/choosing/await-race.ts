/**
 * A race with one thread: check-then-act across an `await`.
 *
 * Everything here runs on one thread, in one worker, on one event loop. No two lines ever run at the
 * same time, and still money goes missing. Two async withdrawals read the balance, then `await` an
 * approval (a stand-in for a database call or a fetch), then write back the balance they read minus
 * their amount. The `await` hands the loop to the other task, which reads the same, old balance.
 * Both approvals say yes, both pay out, and the second write overwrites the first: a lost update, the
 * same as two threads' `x += 1`, only the interleaving points are the awaits, not any instruction.
 *
 * The race is deterministic: the loop resumes tasks in the order their timers were set, so every
 * run loses the same update. Two fixes follow. Re-reading after the await and doing the check and the
 * update with no await between them makes them one step that no task can interrupt; an async lock
 * (a chain of promises, what Python's asyncio.Lock does) makes whole sections wait their turn,
 * awaits included.
 */
import { asleep, print, type ExampleMeta } from 'interleave';

export const meta: ExampleMeta = {
  title: 'A race on one thread: check-then-act across await',
  summary:
    'Two async withdrawals of 60 from a balance of 100 on one event loop. Each reads the balance, awaits an approval, then writes what it read minus 60: both are paid, 120 out of 100, and the balance still says 40. Checking after the await, or an async lock, fixes it.',
  params: {
    approvalMs: { default: 10, min: 0, max: 500, step: 10, label: 'Approval wait (ms)' },
  },
  needs: 'messages',
  expect: {
    kind: 'output',
    includes: [
      'racy: paid out 120, balance 40, refused 0: balance + paid out = 160 (60 too much)',
      'check after the await: paid out 60, balance 40, refused 1: balance + paid out = 100 (correct)',
      'async lock: paid out 60, balance 40, refused 1: balance + paid out = 100 (correct)',
    ],
  },
};

interface Account {
  balance: number;
  paidOut: number;
  refused: number;
}

/** The remote check. Any await would do: the point is that the task gives the loop away here. */
async function approve(approvalMs: number): Promise<boolean> {
  await asleep(approvalMs / 1000);
  return true;
}

/** Racy: reads, awaits, then writes what it read. Another task can run between the read and the write. */
async function withdrawRacy(acct: Account, amount: number, approvalMs: number): Promise<void> {
  const seen = acct.balance; // read
  if (seen < amount) {
    acct.refused++;
    return;
  }
  await approve(approvalMs); // ...the other withdrawal runs here and reads the same balance...
  acct.balance = seen - amount; // write, based on a stale read
  acct.paidOut += amount;
}

/** Fixed: await first, then check and update with no await in between, so nothing can interleave. */
async function withdrawChecked(acct: Account, amount: number, approvalMs: number): Promise<void> {
  await approve(approvalMs);
  if (acct.balance < amount) {
    acct.refused++;
    return;
  }
  acct.balance -= amount; // same synchronous step as the check above
  acct.paidOut += amount;
}

/** An async lock: each caller waits for the previous holder's promise. No threads, so no atomics needed. */
class AsyncLock {
  #tail: Promise<void> = Promise.resolve();

  async run<T>(body: () => Promise<T>): Promise<T> {
    const previous = this.#tail;
    let release!: () => void;
    this.#tail = new Promise<void>((r) => (release = r));
    await previous; // wait for whoever held it before us
    try {
      return await body();
    } finally {
      release();
    }
  }
}

function report(label: string, acct: Account, start: number): string {
  const sum = acct.balance + acct.paidOut; // money is neither made nor lost: this must equal the start
  const verdict = sum === start ? 'correct' : `${sum - start} too much`;
  return `${label}: paid out ${acct.paidOut}, balance ${acct.balance}, refused ${acct.refused}: balance + paid out = ${sum} (${verdict})`;
}

export default async function main({ approvalMs }: { approvalMs: number }): Promise<void> {
  const start = 100;
  print(`balance ${start}; two tasks each withdraw 60 on one event loop, approval takes ${approvalMs} ms`);

  const racy: Account = { balance: start, paidOut: 0, refused: 0 };
  await Promise.all([withdrawRacy(racy, 60, approvalMs), withdrawRacy(racy, 60, approvalMs)]);
  print(report('racy', racy, start));

  const checked: Account = { balance: start, paidOut: 0, refused: 0 };
  await Promise.all([withdrawChecked(checked, 60, approvalMs), withdrawChecked(checked, 60, approvalMs)]);
  print(report('check after the await', checked, start));

  const locked: Account = { balance: start, paidOut: 0, refused: 0 };
  const lock = new AsyncLock();
  await Promise.all([0, 1].map(() => lock.run(() => withdrawRacy(locked, 60, approvalMs))));
  print(report('async lock', locked, start));
}
