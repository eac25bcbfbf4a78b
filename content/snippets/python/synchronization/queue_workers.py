"""Producer-consumer with queue.Queue: the lock and the two conditions are inside the queue.

Main puts the numbers 2 to 20,000 into a queue of 16 places; three workers take them and count primes.
put() blocks while 16 jobs wait (back-pressure). After the last job, one None per worker says "stop".
"""

import queue
import threading

WORKERS, LIMIT = 3, 20_000


def is_prime(x: int) -> bool:
    return x >= 2 and all(x % d for d in range(2, int(x**0.5) + 1))


jobs: queue.Queue[int | None] = queue.Queue(maxsize=16)
results: queue.Queue[tuple[int, int]] = queue.Queue()  # (processed, primes) from each worker


def worker() -> None:
    processed = primes = 0
    while (x := jobs.get()) is not None:  # get() blocks while the queue is empty
        processed += 1
        primes += is_prime(x)
    results.put((processed, primes))


threads = [threading.Thread(target=worker) for _ in range(WORKERS)]
for t in threads:
    t.start()
for x in range(2, LIMIT + 1):
    jobs.put(x)  # blocks whenever 16 jobs are waiting
for _ in threads:
    jobs.put(None)  # one sentinel per worker: an empty queue cannot say "no more jobs, ever"
for t in threads:
    t.join()

counts = [results.get() for _ in threads]
processed, primes = sum(c[0] for c in counts), sum(c[1] for c in counts)
expected = sum(is_prime(x) for x in range(2, LIMIT + 1))
if primes != expected:
    raise RuntimeError(f"workers found {primes} primes, main finds {expected}")
print(f"{processed} numbers tested by {WORKERS} threads: {primes} primes, as main counts alone")
