"""The same counter with a threading.Lock around each update: the total is always exact."""

import threading

THREADS = 2
ADDS_PER_THREAD = 1_000_000

counter = 0
counter_lock = threading.Lock()


def add_many(start_line: threading.Barrier) -> None:
    global counter
    start_line.wait()
    for _ in range(ADDS_PER_THREAD):
        with counter_lock:  # one thread at a time between acquire and release
            counter += 1


start_line = threading.Barrier(THREADS)
workers = [threading.Thread(target=add_many, args=(start_line,)) for _ in range(THREADS)]
for w in workers:
    w.start()
for w in workers:
    w.join()

expected = THREADS * ADDS_PER_THREAD
print(f"expected {expected}, got {counter} (lost {expected - counter})")
