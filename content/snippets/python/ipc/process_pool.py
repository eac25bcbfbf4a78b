"""ProcessPoolExecutor.map: CPU-bound tasks in worker processes, results in the order of the input.

Each task's argument is pickled and sent to a free worker process; its result is pickled and sent
back. map() yields the results in input order even though the biggest task, listed first, is
usually the last to finish.
"""
from concurrent.futures import ProcessPoolExecutor


def count_primes(limit):
    count = 0
    for n in range(2, limit):
        d = 2
        while d * d <= n:
            if n % d == 0:
                break
            d += 1
        else:
            count += 1
    return limit, count


if __name__ == "__main__":  # the workers import this module; they must not start pools of their own
    limits = [200_000, 25_000, 125_000, 50_000, 150_000, 75_000]
    with ProcessPoolExecutor(max_workers=2) as pool:
        for limit, count in pool.map(count_primes, limits):
            print(f"primes below {limit}: {count}")
