"""A Semaphore(2) lets at most two of six threads into a section at once.

Each thread visits the section twice and holds its place for 30 ms (standing in for a connection or a
download). A tally with its own Lock counts who is inside and remembers the most there ever were: it is
the instrument, not the pattern, and the lock keeps it from under-counting.
"""

import threading
import time

WORKERS, SLOTS, ROUNDS = 6, 2, 2

slots = threading.BoundedSemaphore(SLOTS)  # bounded: an extra release() raises ValueError
tally_lock = threading.Lock()
inside = max_inside = visits = 0


def visitor() -> None:
    global inside, max_inside, visits
    for _ in range(ROUNDS):
        with slots:  # acquire() takes a permit or sleeps until one is released; release() on the way out
            with tally_lock:
                inside += 1
                max_inside = max(max_inside, inside)
            time.sleep(0.03)  # the work that needs one of the limited slots
            with tally_lock:
                inside -= 1
                visits += 1


threads = [threading.Thread(target=visitor) for _ in range(WORKERS)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(f"{visits} visits by {WORKERS} threads; at most {max_inside} inside at once (limit {SLOTS})")
