"""An order violation, after the Mozilla bug in Lu et al. (ASPLOS 2008).

init() starts a thread and then stores it in the global m_thread; the thread's first act is to read
its state through m_thread. The programmer assumed "stored, then read"; nothing enforces it. Here init()
takes 100 ms between the start and the assignment (registering the thread elsewhere, say), which makes
the bad order certain: the thread reads None. The fix enforces the order: init() sets an Event after
the assignment, and the thread waits for it before it reads. The same 100 ms no longer matter.
"""

import threading
import time


class Worker(threading.Thread):
    state = "running"


m_thread: "Worker | None" = None
initialised = threading.Event()
outcome: list[str] = []


def m_main(wait_for_init: bool) -> None:
    if wait_for_init:
        initialised.wait()  # the fix: A (the assignment) before B (this read), enforced
    try:
        outcome.append(f"m_main found m_thread set, state {m_thread.state}")  # type: ignore[union-attr]
    except AttributeError as e:
        outcome.append(f"m_main found m_thread not set yet: AttributeError: {e}")


def init(wait_for_init: bool) -> None:
    global m_thread
    m_thread = None
    initialised.clear()
    outcome.clear()
    t = Worker(target=m_main, args=(wait_for_init,))
    t.start()  # the thread may run from here on ...
    time.sleep(0.1)  # ... while init() registers it elsewhere
    m_thread = t  # the assignment the thread relies on
    initialised.set()
    t.join()
    print(f"{'with an Event' if wait_for_init else 'without a signal'}: {outcome[0]}")


init(False)
init(True)
