"""The same CPU-bound tasks, one thread each. With the GIL only one thread runs Python bytecode at a
time, so this takes as long as the sequential version, or a little longer (the threads also hand the
GIL back and forth every 5 ms, sys.getswitchinterval()). A free-threaded build (python3.14t) runs them
in parallel.

Run: python3 cpu_threads.py [threads]   (default 2). Prints one JSON line with the wall time.
"""

import json
import sys
import threading
import time

WORK = 6_000_000  # the same work per task as cpu_sequential.py


def burn(n: int) -> int:
    total = 0
    for i in range(n):
        total += i * i % 7
    return total


if __name__ == "__main__":
    workers = int(sys.argv[1]) if len(sys.argv) > 1 else 2
    threads = [threading.Thread(target=burn, args=(WORK,)) for _ in range(workers)]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    seconds = time.perf_counter() - started
    print(json.dumps({"case": "cpu-threads", "workers": workers, "tasks": workers, "seconds": round(seconds, 3)}))
