"""An atomicity violation, after the MySQL bug in Lu et al. (ASPLOS 2008).

T1 checks that thd.proc_info is not None and then uses it, reading the attribute again; T2 keeps setting
it to None and back. Each read and each assignment is atomic, and the GIL does not make the pair atomic:
CPython switches threads only at certain points (the start of a function call, the back edge of a loop),
and the call to timestamp() between the check and the use is such a point. So T1 can be switched out
there, T2 can set the attribute to None, and T1's use then gets None (in MySQL, fputs(NULL) crashed the
server). The free-threaded build needs no switch at all: the threads run at once. The program counts
those uses, then runs again with proc_info_lock held around the check and the use, and around each
assignment: the count is 0.
"""

import threading
import time

MESSAGE = "Sending data"


class Thd:
    proc_info: "str | None" = MESSAGE


def timestamp() -> str:  # what a logger does between checking and printing
    return "12:00:00"


def finish_query() -> None:  # what the connection does between two queries
    pass


def run(locked: bool, seconds: float = 1.0) -> None:
    thd = Thd()
    proc_info_lock = threading.Lock()
    stop = threading.Event()
    counts = {"passed": 0, "none_uses": 0}
    start = threading.Barrier(3)

    def t1() -> None:
        start.wait()
        while not stop.is_set():
            if locked:
                proc_info_lock.acquire()
            if thd.proc_info is not None:  # the check ...
                counts["passed"] += 1
                timestamp()
                if thd.proc_info is None:  # ... and the use: fputs(thd.proc_info) would crash here
                    counts["none_uses"] += 1
            if locked:
                proc_info_lock.release()

    def t2() -> None:
        start.wait()
        while not stop.is_set():
            for value in (None, MESSAGE):  # the query ends, and the next one starts
                if locked:
                    with proc_info_lock:
                        thd.proc_info = value
                else:
                    thd.proc_info = value
                finish_query()

    threads = [threading.Thread(target=t1), threading.Thread(target=t2)]
    for t in threads:
        t.start()
    start.wait()
    time.sleep(seconds)
    stop.set()
    for t in threads:
        t.join()
    name = "with proc_info_lock" if locked else "without a lock"
    print(f"{name}: {counts['none_uses']} of {counts['passed']} passed checks were followed by a NULL use")


run(False)
run(True)
