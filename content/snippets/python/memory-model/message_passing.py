"""Message passing in Python: a writer stores data, then a flag; a reader loads the flag, then the data.

    writer: data = k; flag = k          (k = 1, 2, 3, ...)
    reader: f = flag; d = data          (over and over)

The writer writes data first, so data >= flag at every moment, and a reader that reads flag first
should never find d < f. Python's language reference has no memory model that says so. With the GIL
it holds all the same: only one thread runs Python code at a time, each store below is one bytecode
that completes before a switch, and handing the GIL from one thread to another goes through a mutex,
whose release and acquire order everything before the switch before everything after it. On the
free-threaded build (3.13t, 3.14t) threads really run at once; a single list read or write is still
safe there, but nothing documented orders two of them as another thread sees them, so code that hands
data over between threads should use a Queue, an Event or a Lock, as the last lines do.
"""
import threading

MESSAGES = 200_000
cells = [0, 0]  # cells[0] is data, cells[1] is flag
DATA, FLAG = 0, 1


def writer():
    for k in range(1, MESSAGES + 1):
        cells[DATA] = k  # the message...
        cells[FLAG] = k  # ...then the flag that says it is there


def reader(result):
    reads = fresh = stale = last = f = 0
    while f < MESSAGES:
        f = cells[FLAG]
        d = cells[DATA]
        if d < f:
            stale += 1  # the flag said k, the data was older than k
        if f != last:
            fresh += 1
        last = f
        reads += 1
    result.extend([reads, fresh, stale])


result = []
threads = [threading.Thread(target=reader, args=(result,)), threading.Thread(target=writer)]
for t in threads:
    t.start()
for t in threads:
    t.join()
reads, fresh, stale = result
print(f"plain: flag before data in {stale} of {reads} reads ({fresh} saw a new flag)")

# Safe publication the documented way: Event.set() and a wait() that returns True. Everything the
# publisher did before set() is visible to the thread that returns from wait().
box = {}
published = threading.Event()


def publisher():
    box["answer"] = 42
    published.set()


def consumer():
    published.wait()
    print(f"Event: the consumer read {box['answer']}")


threads = [threading.Thread(target=consumer), threading.Thread(target=publisher)]
for t in threads:
    t.start()
for t in threads:
    t.join()
