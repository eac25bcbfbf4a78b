"""Four tasks that wait, and four tasks that compute, each run one after another and then on four threads.

A waiting task (time.sleep stands in for a network or disk request) releases the GIL and needs no
CPU while it waits, so four threads wait at the same time: about four times faster. A computing task
holds the GIL: in the default CPython build only one thread runs Python code at a time, so four
threads take as long as one after another (see the GIL article; processes, or the free-threaded
build, are the way to compute in parallel).
"""
import threading
import time

TASKS = 4


def wait_task():
    for _ in range(4):
        time.sleep(0.05)  # one "request": 50 ms of waiting


def compute_task():
    x = 0
    for i in range(1_500_000):
        x = (x * 31 + i) % 1_000_003
    return x


def timed(task, threaded):
    t0 = time.perf_counter()
    if threaded:
        threads = [threading.Thread(target=task) for _ in range(TASKS)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    else:
        for _ in range(TASKS):
            task()
    return time.perf_counter() - t0


for label, task in (("I/O-bound", wait_task), ("CPU-bound", compute_task)):
    seq = timed(task, threaded=False)
    par = timed(task, threaded=True)
    print(f"{label}: {TASKS} tasks, one after another {seq:.2f} s, {TASKS} threads {par:.2f} s, speedup {seq / par:.2f}x")
