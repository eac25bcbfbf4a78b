"""A search group with threads: the first answer cancels the rest, and nothing is left running.

The cancel token is a threading.Event, the usual way to stop Python threads: CPython has no way to
kill a thread from outside. Each step's wait is cancel.wait(step), a cancellation point that returns
True at once when the token is set. Cleanup runs in `finally`, and the group joins every thread in a
`finally` before it returns, as a nursery or a TaskGroup would.
"""
import threading

STEP = 0.01  # seconds of waiting per search step


def searcher(cancel, steps, finds, tally, lock):
    try:
        for _ in range(steps):
            if cancel.wait(STEP):  # the cancellation point: True means "cancelled"
                with lock:
                    tally["cancelled"] += 1
                return
        if finds:
            cancel.set()  # first answer: cancel the others
    finally:
        with lock:
            tally["cleanups"] += 1  # close the connection, however we leave


def search_group(n):
    cancel = threading.Event()
    tally = {"cancelled": 0, "cleanups": 0}
    lock = threading.Lock()
    # The last searcher finds the answer after 3 steps; the others would search 40 steps for nothing.
    threads = [
        threading.Thread(target=searcher, args=(cancel, 3 if i == n - 1 else 40, i == n - 1, tally, lock))
        for i in range(n)
    ]
    for t in threads:
        t.start()
    try:
        cancel.wait()  # until the first answer
    finally:
        for t in threads:  # structured: nobody leaves before the group's threads have ended
            t.join()
    return threads, tally


threads, tally = search_group(4)
print(f"left running when the group returned: {sum(t.is_alive() for t in threads)}")
print(f"cancelled: {tally['cancelled']} of 3; cleanup ran in {tally['cleanups']} of 4")
