// The bounded buffer from two counting semaphores and a mutex (OSTEP, chapter 31), with
// java.util.concurrent.Semaphore. `empty` counts free slots, `full` counts items. Each thread waits on its
// semaphore first and takes the lock second: the other order deadlocks. Two producers put 5,000 numbered
// items each through 4 slots; two consumers take 5,000 each; every item must arrive exactly once.
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.locks.ReentrantLock;

public class SemaphoreBuffer {
    static final int PRODUCERS = 2, CONSUMERS = 2, N = 5_000, SLOTS = 4;

    static final int[] buffer = new int[SLOTS];
    static int fill = 0, use = 0; // guarded by mutex
    static final Semaphore empty = new Semaphore(SLOTS);
    static final Semaphore full = new Semaphore(0);
    static final ReentrantLock mutex = new ReentrantLock();
    static final AtomicIntegerArray seen = new AtomicIntegerArray(PRODUCERS * N);

    static void producer(int first) {
        for (int item = first; item < first + N; item++) {
            empty.acquireUninterruptibly(); // wait for a free slot, holding nothing
            mutex.lock();
            try {
                buffer[fill] = item;
                fill = (fill + 1) % SLOTS;
            } finally {
                mutex.unlock();
            }
            full.release(); // one more item
        }
    }

    static void consumer(int share) {
        for (int k = 0; k < share; k++) {
            full.acquireUninterruptibly(); // wait for an item, holding nothing
            int item;
            mutex.lock();
            try {
                item = buffer[use];
                use = (use + 1) % SLOTS;
            } finally {
                mutex.unlock();
            }
            empty.release(); // one more free slot
            seen.incrementAndGet(item);
        }
    }

    public static void main(String[] args) throws InterruptedException {
        int total = PRODUCERS * N;
        Thread[] threads = new Thread[PRODUCERS + CONSUMERS];
        for (int p = 0; p < PRODUCERS; p++) {
            int first = p * N;
            threads[p] = new Thread(() -> producer(first));
        }
        for (int c = 0; c < CONSUMERS; c++) threads[PRODUCERS + c] = new Thread(() -> consumer(total / CONSUMERS));
        for (Thread t : threads) t.start();
        for (Thread t : threads) t.join();
        int consumed = 0, missing = 0, twice = 0;
        for (int i = 0; i < total; i++) {
            int s = seen.get(i);
            consumed += s;
            if (s == 0) missing++;
            if (s > 1) twice++;
        }
        System.out.printf("%d of %d items consumed, %d missing, %d twice%n", consumed, total, missing, twice);
    }
}
