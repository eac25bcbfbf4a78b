"""asyncio: five awaited waits overlap on one thread, and a blocking call stalls all of them.

asyncio.sleep gives the event loop back to other tasks; time.sleep does not, so five tasks that
call it run one after another even though they are "concurrent" coroutines.
"""
import asyncio
import time


async def polite(i):
    await asyncio.sleep(0.2)  # the loop runs the other tasks meanwhile
    return i


async def rude(i):
    time.sleep(0.2)  # blocks the only thread, and so the whole loop
    return i


async def main():
    for task in (polite, rude):
        t0 = time.perf_counter()
        results = await asyncio.gather(*(task(i) for i in range(5)))
        print(f"{task.__name__}: 5 tasks of 0.2 s each, results {results}, {time.perf_counter() - t0:.2f} s")


asyncio.run(main())
