"""Two processes share one integer through multiprocessing.Value: without its lock they lose updates.

A Value lives in shared memory, so both processes see the same int. Its built-in lock guards each
single read and each single write of .value, not the pair, so `v.value += 1` is a read-modify-write
race between processes, exactly as between threads. Holding v.get_lock() around the increment makes
the read and the write one critical section, and the total is exact.
"""
import multiprocessing as mp

N = 200_000  # increments per process


def add(v, n, start, locked):
    start.wait()  # both processes begin together, so their loops overlap
    for _ in range(n):
        if locked:
            with v.get_lock():
                v.value += 1
        else:
            v.value += 1  # load (under the lock), add, store (under the lock): two critical sections


def run(locked):
    v = mp.Value("i", 0)
    start = mp.Barrier(2)
    workers = [mp.Process(target=add, args=(v, N, start, locked)) for _ in range(2)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    expected = 2 * N
    label = "with get_lock()" if locked else "without a lock"
    print(f"{label}: expected {expected}, got {v.value} (lost {expected - v.value})")


if __name__ == "__main__":  # needed where processes start by spawn or forkserver
    run(locked=False)
    run(locked=True)
