// The Michael–Scott two-lock queue (PODC 1996, the blocking algorithm): a linked list with a dummy
// node, a lock for the head and another for the tail. Enqueue takes only the tail lock, dequeue only
// the head lock; the dummy keeps them apart. The one field both may touch at once is the dummy's
// `next` in an empty queue, so it is volatile: the write publishes the whole new node.
// (The JDK's ConcurrentLinkedQueue is the same paper's other, non-blocking algorithm.)
// Two producers and two consumers move 200,000 items each; the program checks that every item comes
// out exactly once and that each producer's items come out in the order it put them in.
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

public class TwoLockQueue {
    static final int PRODUCERS = 2, CONSUMERS = 2;
    static final int N = 200_000;

    static final class Node {
        final long value;
        volatile Node next;
        Node(long value) { this.value = value; }
    }

    private Node head = new Node(0), tail = head; // the dummy; head under headLock, tail under tailLock
    private final ReentrantLock headLock = new ReentrantLock(), tailLock = new ReentrantLock();

    void enqueue(long v) {
        Node n = new Node(v); // private until linked in
        tailLock.lock();
        try {
            tail.next = n;
            tail = n;
        } finally { tailLock.unlock(); }
    }

    /** The first item, or -1 if the queue is empty. */
    long dequeue() {
        headLock.lock();
        try {
            Node first = head.next;
            if (first == null) return -1;
            head = first; // the first item's node becomes the new dummy
            return first.value;
        } finally { headLock.unlock(); }
    }

    public static void main(String[] args) throws InterruptedException {
        TwoLockQueue q = new TwoLockQueue();
        AtomicIntegerArray seen = new AtomicIntegerArray(PRODUCERS * N);
        AtomicLong taken = new AtomicLong(), problems = new AtomicLong();
        Thread[] ts = new Thread[PRODUCERS + CONSUMERS];
        for (int p = 0; p < PRODUCERS; p++) {
            final int me = p;
            ts[p] = new Thread(() -> { for (int i = 0; i < N; i++) q.enqueue((long) me * N + i); });
        }
        for (int c = 0; c < CONSUMERS; c++) {
            ts[PRODUCERS + c] = new Thread(() -> {
                long[] last = new long[PRODUCERS]; // per producer, the last item this consumer saw
                java.util.Arrays.fill(last, -1);
                while (taken.get() < (long) PRODUCERS * N) {
                    long v = q.dequeue();
                    if (v < 0) { Thread.onSpinWait(); continue; }
                    taken.incrementAndGet();
                    if (seen.getAndSet((int) v, 1) != 0) problems.incrementAndGet(); // came out twice
                    if (v <= last[(int) (v / N)]) problems.incrementAndGet();       // out of order
                    last[(int) (v / N)] = v;
                }
            });
        }
        for (Thread t : ts) t.start();
        for (Thread t : ts) t.join();
        long missing = 0;
        for (int i = 0; i < seen.length(); i++) if (seen.get(i) == 0) missing++;
        System.out.printf("%d producers x %d items, %d consumers: %d out, %d missing, %d duplicated or out of order%n",
                PRODUCERS, N, CONSUMERS, taken.get(), missing, problems.get());
    }
}
