"""asyncio.TaskGroup with asyncio.timeout (both Python 3.11): a deadline cancels the late requests.

Four requests answer after 10 ms, 20 ms, 1 s and 2 s. The TaskGroup does not exit until every task
in it has finished; the timeout around it cancels whatever is still running at 300 ms by raising
CancelledError at the task's current await, so each late task runs its `finally` and ends. Leaving
the `async with` blocks therefore means: every task is done. asyncio.timeout turns the cancellation
into TimeoutError for the code around it.
"""
import asyncio

replies, cancelled, cleanups = [], [], []


async def fetch(replica, latency):
    try:
        await asyncio.sleep(latency)  # every await is a point where cancellation can arrive
        replies.append(replica)
    except asyncio.CancelledError:
        cancelled.append(replica)
        raise  # never swallow it: the group and the timeout rely on it
    finally:
        cleanups.append(replica)


async def main():
    tasks = []
    try:
        async with asyncio.timeout(0.3):
            async with asyncio.TaskGroup() as tg:
                for replica, latency in enumerate([0.01, 0.02, 1.0, 2.0], start=1):
                    tasks.append(tg.create_task(fetch(replica, latency)))
    except TimeoutError:
        print("deadline passed: the late requests were cancelled")
    print(f"replied in time: {sorted(replies)}; cancelled: {sorted(cancelled)}")
    print(f"cleanup ran in {len(cleanups)} of 4; tasks not done: {sum(not t.done() for t in tasks)}")


asyncio.run(main())
