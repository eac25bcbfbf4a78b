"""Why two processes fall short of twice the speed: is it starting them, or the machine?

Times an empty process (start and join), one task alone, and two tasks in two processes, each child
timing its own loop. If starting is cheap and each child's loop is slower than the task alone, the
shortfall is the cores, not multiprocessing.

Run: python3 process_overhead.py
"""

import multiprocessing as mp
import statistics
import time

WORK = 6_000_000  # the same task as cpu_sequential.py and cpu_processes.py


def burn(n: int) -> int:
    total = 0
    for i in range(n):
        total += i * i % 7
    return total


def timed_burn(results) -> None:
    started = time.perf_counter()
    burn(WORK)
    results.put(time.perf_counter() - started)  # the child's own loop, without start-up


def empty() -> None:
    pass


if __name__ == "__main__":  # required: spawned children (and forkserver's server) import this file
    print(f"start method: {mp.get_start_method()}")

    starts = []
    for _ in range(20):
        t0 = time.perf_counter()
        p = mp.Process(target=empty)
        p.start()
        p.join()
        starts.append(time.perf_counter() - t0)
    start_ms = statistics.median(starts) * 1000
    print(f"start and join of an empty process: {start_ms:.1f} ms (median of 20)")

    t0 = time.perf_counter()
    burn(WORK)
    alone = time.perf_counter() - t0
    print(f"one task alone: {alone:.2f} s")

    results = mp.Queue()
    t0 = time.perf_counter()
    children = [mp.Process(target=timed_burn, args=(results,)) for _ in range(2)]
    for c in children:
        c.start()
    loops = sorted(results.get() for _ in children)  # read before join: a child exits after its put
    for c in children:
        c.join()
    both = time.perf_counter() - t0
    print(f"two tasks in two processes: loops took {loops[0]:.2f} s and {loops[1]:.2f} s, {both:.2f} s in all")
    print(f"start-up share of that run: {2 * start_ms / 1000 / both * 100:.1f}%")
    print(f"each loop ran {(statistics.mean(loops) / alone - 1) * 100:+.0f}% against the task alone")
