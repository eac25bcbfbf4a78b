"""Two threads move money between two accounts in opposite directions and never deadlock: every
transfer locks the lower-numbered account first, whichever way the money goes."""

import threading
import time

TRANSFERS = 100_000  # per thread


class Account:
    def __init__(self, no: int, balance: int) -> None:
        self.no = no  # fixes the account's place in the lock order
        self.balance = balance  # guarded by self.lock
        self.lock = threading.Lock()


def transfer(src: Account, dst: Account, amount: int, linger: float) -> None:
    # The global order: lower number first. Nobody holds a later lock while waiting for an earlier one,
    # so no cycle of waiting threads can form.
    first, second = (src, dst) if src.no < dst.no else (dst, src)
    with first.lock:
        if linger:
            time.sleep(linger)  # the moment the opposite-order version deadlocks
        with second.lock:
            src.balance -= amount
            dst.balance += amount


def mover(src: Account, dst: Account, done: list[int], slot: int) -> None:
    for i in range(TRANSFERS):
        transfer(src, dst, 1, 0.010 if i == 0 else 0)
        done[slot] += 1


one, two = Account(1, 1_000_000), Account(2, 1_000_000)
done = [0, 0]
t1 = threading.Thread(target=mover, args=(one, two, done, 0))  # 1 -> 2
t2 = threading.Thread(target=mover, args=(two, one, done, 1))  # 2 -> 1
t1.start()
t2.start()
t1.join()
t2.join()
total = one.balance + two.balance
print(f"{sum(done)} transfers; balances {one.balance} + {two.balance} = {total}")
