"""Two threads take two locks in opposite orders and reach the deadlock on purpose, but the second
acquire has a timeout: the thread that gives up releases its first lock, backs off a random moment and
retries, so every job gets done."""

import random
import threading
import time

JOBS = 20  # per thread
TIMEOUT = 0.05  # seconds to wait for the second lock

done = 0  # guarded by holding both locks
timeouts = 0  # guarded by count_lock
count_lock = threading.Lock()
both_hold_one = threading.Barrier(2)


def worker(first: threading.Lock, second: threading.Lock, names: tuple[str, str]) -> None:
    global done, timeouts
    attempt = 0
    for _ in range(JOBS):
        while True:
            attempt += 1
            first.acquire()
            if attempt == 1:
                both_hold_one.wait()  # each thread now holds one lock and wants the other's
            if second.acquire(timeout=TIMEOUT):
                break  # got both
            # Timed out: let go of the first lock so that the other thread can finish, then back off.
            first.release()
            with count_lock:
                timeouts += 1
            print(f"attempt {attempt}: gave up waiting for {names[1]} after {TIMEOUT * 1000:.0f} ms;"
                  f" released {names[0]}, backing off")
            time.sleep(random.uniform(0, 0.010))
        try:
            done += 1  # the job, with both locks held
        finally:
            second.release()
            first.release()


a, b = threading.Lock(), threading.Lock()
t1 = threading.Thread(target=worker, args=(a, b, ("A", "B")))
t2 = threading.Thread(target=worker, args=(b, a, ("B", "A")))
t1.start()
t2.start()
t1.join()
t2.join()
print(f"every job done: {done}; acquires that timed out: {timeouts}")
