"""How long does Python take to start (and finish) a thread, and a process with each start method?

Run: python3 start_costs.py   (Linux: it uses the fork and forkserver start methods)
"""

import multiprocessing as mp
import statistics
import subprocess
import sys
import threading
import time


def work():
    pass  # the new thread or process does nothing: we time only starting and finishing it


def median_ms(start_and_join, runs):
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        start_and_join()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def thread_once():
    t = threading.Thread(target=work)
    t.start()
    t.join()


def process_once(ctx):
    p = ctx.Process(target=work)
    p.start()
    p.join()


def fresh_interpreter_rss_mib():
    # A new python3 that prints its own resident memory as soon as it is up.
    code = "print(next(l for l in open('/proc/self/status') if l.startswith('VmRSS')).split()[1])"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return int(out.stdout) / 1024


if __name__ == "__main__":  # required: spawned children and the forkserver's server import this file
    print(f"Python {sys.version.split()[0]}, default start method: {mp.get_start_method()}")
    print(f"{'threading.Thread':26} {median_ms(thread_once, 200):7.2f} ms")
    for method in ("fork", "forkserver", "spawn"):
        ctx = mp.get_context(method)
        process_once(ctx)  # warm-up: forkserver starts its server process on first use
        print(f"{'Process, ' + method:26} {median_ms(lambda: process_once(ctx), 20):7.2f} ms")
    print(f"a fresh interpreter uses   {fresh_interpreter_rss_mib():7.1f} MiB of RAM")
