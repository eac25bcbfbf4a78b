"""I/O-bound Python: each task waits on blocking I/O (here time.sleep, standing in for a network
reply). A thread releases the GIL while it waits, so N threads wait at the same time and finish
about N times sooner than doing the tasks one after another.

Run: python3 io_threads.py [threads]   (default 4). Prints two JSON lines: one after another, then threads.
"""

import json
import sys
import threading
import time

WAITS = 5  # blocking calls per task
WAIT_SECONDS = 0.05  # each one: 50 ms, so a task takes 0.25 s


def fetch() -> None:
    for _ in range(WAITS):
        time.sleep(WAIT_SECONDS)  # releases the GIL until the wait is over


def timed(run) -> float:
    started = time.perf_counter()
    run()
    return round(time.perf_counter() - started, 3)


def one_after_another(tasks: int) -> None:
    for _ in range(tasks):
        fetch()


def in_threads(tasks: int) -> None:
    threads = [threading.Thread(target=fetch) for _ in range(tasks)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()


if __name__ == "__main__":
    workers = int(sys.argv[1]) if len(sys.argv) > 1 else 4
    seconds = timed(lambda: one_after_another(workers))
    print(json.dumps({"case": "io-sequential", "workers": 1, "tasks": workers, "seconds": seconds}))
    seconds = timed(lambda: in_threads(workers))
    print(json.dumps({"case": "io-threads", "workers": workers, "tasks": workers, "seconds": seconds}))
