"""Two Events: a start signal and a stop flag.

Workers block in go.wait() until main has finished setting up; one go.set() releases them all. Then they
work in small chunks and look at stop between chunks: a thread cannot be stopped from outside, it has to
be asked, and it has to look.
"""

import threading
import time

WORKERS = 3

go = threading.Event()
stop = threading.Event()
chunks = [0] * WORKERS  # one slot per worker: nothing shared to lock
stopped = []  # list.append is one step under the GIL; a lock would do as well


def worker(me: int) -> None:
    go.wait()  # sleeps until main calls go.set(); returns at once if it already has
    while not stop.is_set():
        sum(range(10_000))  # one chunk of work, short enough that a stop is noticed quickly
        chunks[me] += 1
    stopped.append(me)


threads = [threading.Thread(target=worker, args=(i,)) for i in range(WORKERS)]
for t in threads:
    t.start()
time.sleep(0.05)  # set-up the workers must not overlap with; meanwhile they are all in go.wait()
if sum(chunks) != 0:
    raise RuntimeError("a worker ran before the start signal")
print("go")
go.set()  # one call releases every waiting thread
stop.wait(0.2)  # an interruptible sleep: returns after 0.2 s, or at once if stop were set
print("stop")
stop.set()
for t in threads:
    t.join()
print(f"{len(stopped)} of {WORKERS} workers stopped cleanly; {sum(x > 0 for x in chunks)} of them did work after go")
