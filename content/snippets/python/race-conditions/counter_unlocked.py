"""Two threads add 1 to a shared counter a million times each, with no lock.

`counter += 1` is three steps (read, add, write back), so a switch between the read and the write
would lose an update. On CPython 3.10 and later, though, the GIL only changes hands at a few points
(loop back-edges and calls), never inside `counter += 1`: this program almost always prints the exact
total. The race is still real; a free-threaded build (3.13t, 3.14t) loses updates. Do not rely on it.
"""

import threading

THREADS = 2
ADDS_PER_THREAD = 1_000_000

counter = 0


def add_many(start_line: threading.Barrier) -> None:
    global counter
    start_line.wait()  # both threads start counting together
    for _ in range(ADDS_PER_THREAD):
        counter += 1  # read, add, write: not atomic, and nothing here stops another thread


start_line = threading.Barrier(THREADS)
workers = [threading.Thread(target=add_many, args=(start_line,)) for _ in range(THREADS)]
for w in workers:
    w.start()
for w in workers:
    w.join()

expected = THREADS * ADDS_PER_THREAD
print(f"expected {expected}, got {counter} (lost {expected - counter})")
