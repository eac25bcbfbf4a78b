"""A race on one thread: check-then-act across an await, in asyncio.

Every coroutine here runs on one thread, on one event loop: no two lines ever run at the same time.
Each withdrawal reads the balance, awaits an approval (standing in for a database call or an HTTP
request), then writes back what it read minus its amount. The await hands the loop to the other
withdrawal, which reads the same, old balance; both are paid. The loop resumes ready tasks in a
fixed order, so this loses the same update on every run.

Two fixes: do the awaiting first and then the check and the update with no await between them
(code between two awaits is never interleaved with another task), or hold an asyncio.Lock across the
whole section, awaits included.
"""
import asyncio

START = 100


class Account:
    def __init__(self):
        self.balance = START
        self.paid_out = 0
        self.refused = 0


async def approve():
    await asyncio.sleep(0.01)  # any await gives the loop to another task
    return True


async def withdraw_racy(acct, amount):
    seen = acct.balance  # read
    if seen < amount:
        acct.refused += 1
        return
    await approve()  # ... the other withdrawal runs here and reads the same balance ...
    acct.balance = seen - amount  # write, based on a stale read
    acct.paid_out += amount


async def withdraw_checked(acct, amount):
    await approve()
    if acct.balance < amount:  # check and update with no await in between: one uninterrupted step
        acct.refused += 1
        return
    acct.balance -= amount
    acct.paid_out += amount


async def withdraw_locked(acct, amount, lock):
    async with lock:  # the second task waits here until the first has finished, awaits included
        await withdraw_racy(acct, amount)


def report(label, acct):
    total = acct.balance + acct.paid_out  # must stay START: money is neither made nor lost
    verdict = "correct" if total == START else f"{total - START} too much"
    print(f"{label}: paid out {acct.paid_out}, balance {acct.balance}, refused {acct.refused}: "
          f"balance + paid out = {total} ({verdict})")


async def main():
    racy = Account()
    await asyncio.gather(withdraw_racy(racy, 60), withdraw_racy(racy, 60))
    report("racy", racy)

    checked = Account()
    await asyncio.gather(withdraw_checked(checked, 60), withdraw_checked(checked, 60))
    report("check after the await", checked)

    locked = Account()
    lock = asyncio.Lock()
    await asyncio.gather(withdraw_locked(locked, 60, lock), withdraw_locked(locked, 60, lock))
    report("asyncio.Lock", locked)


asyncio.run(main())
