"""Producer-consumer on an 8-slot buffer built from one Lock and two Conditions on it.

Producers wait on not_full while the buffer is full; consumers wait on not_empty while it is empty and a
producer is still running. Every wait sits in a while loop: waking up only means "look again".
"""

import threading
from collections import deque

PRODUCERS, CONSUMERS, ITEMS, CAPACITY = 2, 2, 5_000, 8

lock = threading.Lock()
not_full = threading.Condition(lock)  # both conditions share the lock that guards the buffer
not_empty = threading.Condition(lock)
buffer: deque[int] = deque()
producers_done = 0
seen = [0] * (PRODUCERS * ITEMS)


def producer(first: int) -> None:
    global producers_done
    for item in range(first, first + ITEMS):
        with lock:
            while len(buffer) == CAPACITY:  # while, not if: another producer may take the freed slot first
                not_full.wait()
            buffer.append(item)
            not_empty.notify()
    with lock:
        producers_done += 1
        not_empty.notify_all()  # every consumer must see that no more items may come


def consumer() -> None:
    while True:
        with lock:
            while not buffer and producers_done < PRODUCERS:
                not_empty.wait()
            if not buffer:
                return  # empty, and every producer has finished
            item = buffer.popleft()
            not_full.notify()
        if seen[item]:  # the work on the item, outside the lock
            raise RuntimeError(f"item {item} consumed twice")
        seen[item] = 1


threads = [threading.Thread(target=producer, args=(p * ITEMS,)) for p in range(PRODUCERS)]
threads += [threading.Thread(target=consumer) for _ in range(CONSUMERS)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(f"{sum(seen)} of {PRODUCERS * ITEMS} items consumed, {seen.count(0)} missing")
