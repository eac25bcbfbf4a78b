"""A reusable Barrier cuts the work into phases: nobody starts phase p + 1 until all have finished phase p.

Each thread writes the phase number into its own slot, waits, then reads every slot: all must already
hold this phase. The second wait keeps a fast thread from writing the next phase while a slow one reads.
"""

import threading
import time

THREADS, PHASES = 4, 5

barrier = threading.Barrier(THREADS)  # the same object serves every phase
slots = [0] * THREADS
checks = 0
checks_lock = threading.Lock()


def phase_worker(me: int) -> None:
    global checks
    for phase in range(1, PHASES + 1):
        time.sleep((me + phase) % THREADS * 0.004)  # uneven work: each phase, a different thread is last
        slots[me] = phase
        arrival = barrier.wait()  # returns 0 .. THREADS-1, a different number in each thread
        for other, seen in enumerate(slots):
            if seen != phase:
                raise RuntimeError(f"phase {phase}: slot {other} still holds {seen}")
        with checks_lock:
            checks += 1
        barrier.wait()  # everyone has read this phase before anyone writes the next
        if arrival == 0:
            print(f"phase {phase}: all {THREADS} results seen by all {THREADS} threads")


threads = [threading.Thread(target=phase_worker, args=(i,)) for i in range(THREADS)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(f"{checks} checks passed; one Barrier served {2 * PHASES} generations")
