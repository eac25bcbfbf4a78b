"""Dining philosophers, fixed by ordering the forks: everyone picks up the lower-numbered of their two
forks first, so the last philosopher reaches for fork 0 and the circular wait cannot close."""

import threading

PHILOSOPHERS = 5
MEALS = 20_000  # each

forks = [threading.Lock() for _ in range(PHILOSOPHERS)]
eaten = [0] * PHILOSOPHERS  # one slot per philosopher; join() makes them visible to the main thread


def philosopher(i: int) -> None:
    left, right = i, (i + 1) % PHILOSOPHERS
    # The global order: lower-numbered fork first. For P0..P3 that is the left fork, as in the naive
    # protocol; P4, whose forks are 4 and 0, now competes with P0 for fork 0 while holding nothing.
    first, second = forks[min(left, right)], forks[max(left, right)]
    for _ in range(MEALS):
        with first:
            with second:
                eaten[i] += 1  # eating, with both forks


philosophers = [threading.Thread(target=philosopher, args=(i,)) for i in range(PHILOSOPHERS)]
for p in philosophers:
    p.start()
for p in philosophers:
    p.join()
print(f"{PHILOSOPHERS} philosophers ate {sum(eaten)} meals (expected {PHILOSOPHERS * MEALS})")
