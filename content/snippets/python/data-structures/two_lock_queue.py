"""The Michael–Scott two-lock queue (PODC 1996, the blocking algorithm).

A linked list with a dummy node, a lock for the head and another for the tail: enqueue takes only
the tail lock, dequeue only the head lock, and the dummy keeps them apart. The one attribute both
may touch at once is the dummy's `next` in an empty queue; reading or writing one attribute is a
single step in CPython, with or without the GIL. (CPython's own queue.Queue is a deque under one
mutex with three conditions: simpler, and enough when the GIL runs one thread at a time.)
Two producers and two consumers move 10,000 items each; the program checks that every item comes
out exactly once and that each producer's items come out in the order it put them in.
"""
import threading
import time

PRODUCERS, CONSUMERS, N = 2, 2, 10_000


class Node:
    __slots__ = ("value", "next")

    def __init__(self, value):
        self.value = value
        self.next = None


class TwoLockQueue:
    def __init__(self):
        self.head = self.tail = Node(None)  # the dummy; head under head_lock, tail under tail_lock
        self.head_lock = threading.Lock()
        self.tail_lock = threading.Lock()

    def enqueue(self, value):
        node = Node(value)  # private until linked in
        with self.tail_lock:
            self.tail.next = node
            self.tail = node

    def dequeue(self):
        """Returns (True, item), or (False, None) if the queue is empty."""
        with self.head_lock:
            first = self.head.next
            if first is None:
                return False, None
            self.head = first  # the first item's node becomes the new dummy
            return True, first.value


q = TwoLockQueue()
seen = [0] * (PRODUCERS * N)
taken = 0
problems = 0
count_lock = threading.Lock()  # guards taken, seen and problems


def produce(p):
    for i in range(N):
        q.enqueue(p * N + i)


def consume():
    global taken, problems
    last = [-1] * PRODUCERS  # per producer, the last item this consumer saw
    while True:
        with count_lock:
            if taken == PRODUCERS * N:
                return
        ok, v = q.dequeue()
        if not ok:
            time.sleep(0)  # empty for now: let a producer run
            continue
        with count_lock:
            taken += 1
            if seen[v]:
                problems += 1  # came out twice
            seen[v] = 1
            if v <= last[v // N]:
                problems += 1  # out of its producer's order
        last[v // N] = v


threads = [threading.Thread(target=produce, args=(p,)) for p in range(PRODUCERS)]
threads += [threading.Thread(target=consume) for _ in range(CONSUMERS)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(f"{PRODUCERS} producers x {N} items, {CONSUMERS} consumers: {taken} out, "
      f"{seen.count(0)} missing, {problems} duplicated or out of order")
