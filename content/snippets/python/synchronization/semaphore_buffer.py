"""The bounded buffer from two counting semaphores and a mutex (OSTEP, chapter 31).

`empty` counts free slots (it starts at the buffer's size), `full` counts items (it starts at 0).
A producer waits for a free slot, then takes the mutex only to write the slot and move `fill`;
a consumer waits for an item, then takes the mutex only to read the slot and move `use`. Each
waits on its semaphore first and takes the mutex second: the other order deadlocks.
Two producers put 5,000 numbered items each through 4 slots; two consumers take 5,000 each.
"""

import threading

PRODUCERS, CONSUMERS, N, SLOTS = 2, 2, 5_000, 4

buffer = [0] * SLOTS
fill = use = 0  # guarded by mutex
empty = threading.Semaphore(SLOTS)
full = threading.Semaphore(0)
mutex = threading.Lock()
seen = [0] * (PRODUCERS * N)  # how often each item was consumed; one consumer writes each entry


def producer(first: int) -> None:
    global fill
    for item in range(first, first + N):
        empty.acquire()  # wait for a free slot, holding nothing
        with mutex:
            buffer[fill] = item
            fill = (fill + 1) % SLOTS
        full.release()  # one more item


def consumer(share: int) -> None:
    global use
    for _ in range(share):
        full.acquire()  # wait for an item, holding nothing
        with mutex:
            item = buffer[use]
            use = (use + 1) % SLOTS
        empty.release()  # one more free slot
        seen[item] += 1


total = PRODUCERS * N
threads = [threading.Thread(target=producer, args=(p * N,)) for p in range(PRODUCERS)]
threads += [threading.Thread(target=consumer, args=(total // CONSUMERS,)) for _ in range(CONSUMERS)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(f"{sum(seen)} of {total} items consumed, {seen.count(0)} missing, {sum(1 for s in seen if s > 1)} twice")
