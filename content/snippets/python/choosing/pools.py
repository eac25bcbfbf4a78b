"""ThreadPoolExecutor for waiting, ProcessPoolExecutor for computing.

Eight tasks that sleep 0.1 s (standing in for network or disk I/O) overlap on four threads, because
a sleeping thread releases the GIL. Two CPU-bound tasks on two threads do not overlap on the
default (GIL) build; on two processes, each with its own interpreter and GIL, they do. The same
executor interface fits both: only the class name changes.
"""
import time
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor


def wait_a_bit(i):
    time.sleep(0.1)
    return i


def spin(n):
    total = 0
    for i in range(n):
        total += i * i
    return total


def timed(executor_class, workers, fn, items):
    with executor_class(max_workers=workers) as pool:
        list(pool.map(fn, [items[0]]))  # start the workers before timing (processes take a while)
        t0 = time.perf_counter()
        results = list(pool.map(fn, items))
        return results, time.perf_counter() - t0


if __name__ == "__main__":
    _, s = timed(ThreadPoolExecutor, 4, wait_a_bit, list(range(8)))
    print(f"8 sleeps of 0.1 s on 4 threads: {s:.2f} s")
    work = [3_000_000, 3_000_000]
    t0 = time.perf_counter()
    expected = [spin(n) for n in work]
    print(f"2 CPU tasks one after another: {time.perf_counter() - t0:.2f} s")
    results, s = timed(ThreadPoolExecutor, 2, spin, work)
    assert results == expected
    print(f"2 CPU tasks on 2 threads: {s:.2f} s")
    results, s = timed(ProcessPoolExecutor, 2, spin, work)
    assert results == expected
    print(f"2 CPU tasks on 2 processes: {s:.2f} s")
