"""Per-thread state with threading.local: each thread sees its own attributes, so they need no lock.

Each thread calls handle() a different number of times; handle() counts the calls and caches results in
a threading.local object. A plain global would be one variable shared by every thread.
"""

import threading

THREADS = 3


class State(threading.local):
    def __init__(self) -> None:  # runs once in each thread, the first time that thread uses `state`
        self.calls = 0
        self.cache: dict[int, int] = {}


state = State()
results: dict[int, tuple[int, int]] = {}  # the threads' reports, written once each


def handle(request: int) -> int:
    state.calls += 1  # this thread's counter: no other thread can see it
    key = request % 100
    if key not in state.cache:
        state.cache[key] = key * key  # stands for something expensive to compute
    return state.cache[key]


def serve(me: int, my_calls: int) -> None:
    for i in range(my_calls):
        handle(i)
    if state.calls != my_calls:
        raise RuntimeError(f"T{me}: calls = {state.calls}, but this thread made {my_calls}")
    results[me] = (state.calls, len(state.cache))


threads = [threading.Thread(target=serve, args=(i + 1, 1_000 * (i + 1))) for i in range(THREADS)]
for t in threads:
    t.start()
for t in threads:
    t.join()
for me, (calls, cached) in sorted(results.items()):
    print(f"T{me}: calls = {calls} (its own), cache holds {cached} entries")
print(f"main's own calls = {state.calls}; the threads' counts add up to {sum(c for c, _ in results.values())}")
