"""A function that holds an RLock calls another that takes it again: the owner may re-acquire an
RLock (it counts the levels), while other threads are still kept out. With a threading.Lock the
inner acquire would wait for the thread itself, forever."""

import threading

TRANSFERS = 100_000  # per thread

lock = threading.RLock()
balance = 0  # guarded by lock


def deposit(amount: int) -> None:
    global balance
    with lock:  # already ours when called from transfer(): the count goes from 1 to 2
        balance += amount
    # 2 -> 1: still held


def transfer(n: int) -> None:
    for _ in range(n):
        with lock:  # 0 -> 1: taken, or wait while the other thread holds it
            deposit(1)
        # 1 -> 0: free for the other thread


threads = [threading.Thread(target=transfer, args=(TRANSFERS,)) for _ in range(2)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(f"2 threads x {TRANSFERS} nested acquisitions: balance {balance} (expected {2 * TRANSFERS})")
