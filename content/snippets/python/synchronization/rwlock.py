"""A read-write lock built from one Condition (Python's standard library has none).

Readers may hold it together; a writer holds it alone. A reader also waits while a writer is waiting
(writer preference), or overlapping readers could keep writers out forever. Writers keep a pair of
numbers equal, but set them 1 ms apart: a reader that looked during a write would see them differ.
"""

import threading
import time

READERS, WRITERS, READS, WRITES = 4, 2, 20, 5


class RWLock:
    def __init__(self) -> None:
        self._changed = threading.Condition()  # readers and writers wait on it for different things
        self._readers = self._waiting_writers = 0
        self._writer = False

    def acquire_read(self) -> None:
        with self._changed:
            self._changed.wait_for(lambda: not self._writer and self._waiting_writers == 0)
            self._readers += 1

    def release_read(self) -> None:
        with self._changed:
            self._readers -= 1
            if self._readers == 0:
                self._changed.notify_all()  # the last reader out may let a writer in

    def acquire_write(self) -> None:
        with self._changed:
            self._waiting_writers += 1
            self._changed.wait_for(lambda: not self._writer and self._readers == 0)
            self._waiting_writers -= 1
            self._writer = True

    def release_write(self) -> None:
        with self._changed:
            self._writer = False
            self._changed.notify_all()  # waiting readers and writers both look again


rw, pair = RWLock(), [0, 0]
stats = threading.Lock()  # guards the instruments below, not the pair
readers_in = writers_in = max_readers = reads = writes = torn = crowded = 0


def reader() -> None:
    global readers_in, max_readers, reads, torn
    for _ in range(READS):
        rw.acquire_read()
        with stats:
            readers_in += 1
            max_readers = max(max_readers, readers_in)
        a = pair[0]
        time.sleep(0.002)  # a slow read: time for other readers to come in too
        b = pair[1]
        with stats:
            readers_in -= 1
            reads += 1
            torn += a != b
        rw.release_read()
        time.sleep(0.001)


def writer(me: int) -> None:
    global writers_in, writes, crowded
    for i in range(1, WRITES + 1):
        rw.acquire_write()
        with stats:
            writers_in += 1
            crowded += writers_in > 1 or readers_in > 0
        pair[0] = me * 1_000 + i
        time.sleep(0.001)  # the pair is inconsistent now: nobody may look
        pair[1] = me * 1_000 + i
        with stats:
            writers_in -= 1
            writes += 1
        rw.release_write()
        time.sleep(0.004)


threads = [threading.Thread(target=reader) for _ in range(READERS)]
threads += [threading.Thread(target=writer, args=(w + 1,)) for w in range(WRITERS)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(f"{reads} reads, {writes} writes; torn reads: {torn}, writers not alone: {crowded}")
print(f"readers overlapped: {'yes' if max_readers >= 2 else 'no'}")
