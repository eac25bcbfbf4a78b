"""100,000 asyncio tasks on one thread: start them, let each wait on an Event, then release them all.

A coroutine that awaits is suspended and its frame kept on the heap; the event loop, on the one
thread there is, runs whichever task is ready. Nothing here asks the kernel for a thread.

Run: python3 coroutines.py   (Linux: it reads /proc/self/status)
"""
import asyncio
import time

N = 100_000


def status(field):  # a number from /proc/self/status: "Threads:" is a count, "VmRSS:" is in kB
    with open("/proc/self/status") as f:
        return int(next(line for line in f if line.startswith(field)).split()[1])


async def waiter(release, parked):
    parked[0] += 1  # no await since the task started: no other task can run in between
    await release.wait()  # suspend here; the loop moves on to the next task


async def main():
    release = asyncio.Event()
    parked = [0]
    rss0 = status("VmRSS:")
    t0 = time.perf_counter()
    tasks = [asyncio.create_task(waiter(release, parked)) for _ in range(N)]
    while parked[0] < N:  # let the loop run every task up to its first await
        await asyncio.sleep(0)
    elapsed = time.perf_counter() - t0
    rss = (status("VmRSS:") - rss0) * 1024 // N
    print(f"tasks waiting:            {parked[0]}, on {status('Threads:')} OS thread")
    print(f"time to start and park:   {elapsed / N * 1e6:.2f} us per task")
    print(f"resident memory (VmRSS):  {rss} bytes per task")
    release.set()
    await asyncio.gather(*tasks)


asyncio.run(main())
