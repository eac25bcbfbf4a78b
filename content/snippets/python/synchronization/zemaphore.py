"""A semaphore built from a lock, a condition variable and an integer: OSTEP's Zemaphore (chapter 31).

wait() sleeps while the value is 0 and only then decrements, so the value never goes below 0 (Dijkstra's
definition decrements first and lets it go negative, counting the sleepers). Used with 1 it is a lock
around `total += 1`, which without one can lose updates; used with 0 it is a signal that each thread
posts when it is done, and main waits for four posts before it reads the total.
"""

import threading

THREADS, N = 4, 10_000


class Zemaphore:
    def __init__(self, value: int) -> None:
        self.value = value  # guarded by cond's lock
        self.cond = threading.Condition(threading.Lock())
        self.lowest = value

    def wait(self) -> None:
        with self.cond:
            while self.value <= 0:  # wait first ...
                self.cond.wait()
            self.value -= 1  # ... decrement after: never below 0
            self.lowest = min(self.lowest, self.value)

    def post(self) -> None:
        with self.cond:
            self.value += 1
            self.cond.notify()


mutex, done = Zemaphore(1), Zemaphore(0)
total = 0


def worker() -> None:
    global total
    for _ in range(N):
        mutex.wait()
        total += 1  # a read, an add and a write: only the Zemaphore keeps them together
        mutex.post()
    done.post()


for _ in range(THREADS):
    threading.Thread(target=worker).start()
for _ in range(THREADS):
    done.wait()  # one post per finished thread
print(f"total {total} of {THREADS * N}; the lowest value was {min(mutex.lowest, done.lowest)}")
