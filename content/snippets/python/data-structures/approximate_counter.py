"""An approximate ("sloppy") counter against one locked counter (OSTEP ch. 29).

Each thread counts in a slot of its own and folds S counts into the global count under the global
lock; the global count trails the true count by what sits in the slots, at most threads x (S - 1).
A second, untimed run samples that lag while the threads count. With the GIL the threads do not count in parallel,
so the approximate counter is faster here only because it takes the lock S times less often; on
the free-threaded build (python3.14t) it also scales with cores, as in the other languages.
"""
import threading
import time

THREADS, N, S = 4, 200_000, 1024

precise = 0
lock = threading.Lock()


def count_locked():
    global precise
    for _ in range(N):
        with lock:
            precise += 1


class Approximate:
    def __init__(self, threads, threshold):
        self.lock = threading.Lock()
        self.value = 0  # the global count: read and written only under self.lock
        self.slots = [0] * threads  # each thread writes only its own slot
        self.threshold = threshold

    def count(self, me, n):
        local = 0
        for _ in range(n):
            local += 1
            if local >= self.threshold:  # fold: the only moment this thread needs the lock
                with self.lock:
                    self.value += local
                local = 0
            self.slots[me] = local
        with self.lock:  # done: fold the rest, so the count ends exact
            self.value += local
        self.slots[me] = 0


def timed(targets):
    threads = [threading.Thread(target=t) for t in targets]
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    return threads, t0


threads, t0 = timed([count_locked] * THREADS)
for t in threads:
    t.join()
lock_ms = (time.perf_counter() - t0) * 1000

# Timed: the threads alone. Then again, untimed, while main samples the lag.
c = Approximate(THREADS, S)
threads, t0 = timed([lambda me=me: c.count(me, N) for me in range(THREADS)])
for t in threads:
    t.join()
approx_ms = (time.perf_counter() - t0) * 1000

sampled = Approximate(THREADS, S)
threads, _ = timed([lambda me=me: sampled.count(me, N) for me in range(THREADS)])
lag = 0
while any(t.is_alive() for t in threads):  # the lag now: counted by the threads, not yet folded
    lag = max(lag, sum(sampled.slots))
    time.sleep(0.001)
for t in threads:
    t.join()
print(f"{THREADS} threads x {N}, S = {S}: one lock {precise} in {lock_ms:.0f} ms, "
      f"approximate {c.value} in {approx_ms:.0f} ms; largest lag seen {lag} of at most {THREADS * (S - 1)}")
