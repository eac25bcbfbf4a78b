"""Ping-pong over multiprocessing.Pipe: each round trip is two pickled messages between processes."""
import multiprocessing as mp
import time

ROUNDS = 2_000


def ponger(conn):
    while (n := conn.recv()) != -1:
        conn.send(n + 1)


if __name__ == "__main__":
    mine, theirs = mp.Pipe()
    child = mp.Process(target=ponger, args=(theirs,))
    child.start()
    mine.send(0)  # the first round trip waits for the child to start; keep it out of the timing
    n = mine.recv()
    t0 = time.perf_counter()
    for _ in range(ROUNDS):
        mine.send(n + 1)
        n = mine.recv()
    per_trip_us = (time.perf_counter() - t0) / ROUNDS * 1e6
    mine.send(-1)
    child.join()
    print(f"{ROUNDS} round trips, final number {n}")
    print(f"{per_trip_us:.0f} us per round trip")
