"""CPU-bound Python, one task after another: the baseline for the thread and process versions.

Run: python3 cpu_sequential.py [tasks]   (default 2). Prints one JSON line with the wall time.
"""

import json
import sys
import time

WORK = 6_000_000  # loop iterations per task: about half a second of pure Python on a 2020s core


def burn(n: int) -> int:
    """Pure-Python arithmetic: it holds the GIL the whole time (no I/O, no C code that releases it)."""
    total = 0
    for i in range(n):
        total += i * i % 7
    return total


if __name__ == "__main__":
    tasks = int(sys.argv[1]) if len(sys.argv) > 1 else 2
    started = time.perf_counter()
    for _ in range(tasks):
        burn(WORK)
    seconds = time.perf_counter() - started
    print(json.dumps({"case": "cpu-sequential", "workers": 1, "tasks": tasks, "seconds": round(seconds, 3)}))
