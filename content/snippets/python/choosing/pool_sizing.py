"""Little's law and pool size: requests arrive at 250 per second, each waits 20 ms on a
ThreadPoolExecutor of 1 to 8 threads. Throughput = N / W while the pool is the bottleneck, and the
arrival rate once N reaches λW = 5; more threads only wait. The waiting is a sleep, which releases
the GIL, so this holds in CPython on two cores.

Requests are offered for 0.3 s on a fixed timetable; completions are counted in a window of 0.3 s
that starts one wait later. shutdown(cancel_futures=True) (Python 3.9) then cancels the requests
that never started, so a small pool does not make the run long.
"""
import time
from concurrent.futures import ThreadPoolExecutor

RATE, WAIT, WINDOW = 250, 0.020, 0.3


def request():
    time.sleep(WAIT)  # the database call: no CPU, no GIL
    return time.monotonic()


def throughput(n):
    pool = ThreadPoolExecutor(max_workers=n)
    list(pool.map(lambda _: None, range(n)))  # start the threads before the clock matters
    start = time.monotonic()
    futures = []
    for i in range(int(RATE * WINDOW)):
        delay = start + i / RATE - time.monotonic()
        if delay > 0:
            time.sleep(delay)
        futures.append(pool.submit(request))
    time.sleep(max(0.0, start + WAIT + WINDOW - time.monotonic()) + 0.002)
    pool.shutdown(wait=True, cancel_futures=True)  # queued requests are cancelled, not served
    done = [f.result() for f in futures if not f.cancelled()]
    return sum(start + WAIT <= t <= start + WAIT + WINDOW for t in done) / WINDOW


measured = {}
for n in (1, 2, 4, 6, 8):
    measured[n] = throughput(n)
    print(f"pool of {n}: {measured[n]:.0f} requests/s (Little: {min(n / WAIT, RATE):.0f})")
print(f"4 threads / 1 thread: {measured[4] / measured[1]:.2f}x; 8 threads / 6 threads: {measured[8] / measured[6]:.2f}x")
