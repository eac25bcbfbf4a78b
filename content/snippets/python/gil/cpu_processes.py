"""The same CPU-bound tasks, one process each. Every process has its own interpreter and its own GIL,
so on a machine with enough free cores they run in parallel. The time includes starting the processes.

Run: python3 cpu_processes.py [processes]   (default 2). Prints one JSON line with the wall time.
"""

import json
import multiprocessing as mp
import sys
import time

WORK = 6_000_000  # the same work per task as cpu_sequential.py


def burn(n: int) -> int:
    total = 0
    for i in range(n):
        total += i * i % 7
    return total


if __name__ == "__main__":  # required: spawned children (and forkserver's server) import this file
    workers = int(sys.argv[1]) if len(sys.argv) > 1 else 2
    processes = [mp.Process(target=burn, args=(WORK,)) for _ in range(workers)]
    started = time.perf_counter()
    for p in processes:
        p.start()
    for p in processes:
        p.join()
    seconds = time.perf_counter() - started
    print(json.dumps({"case": "cpu-processes", "workers": workers, "tasks": workers, "seconds": round(seconds, 3)}))
