// A semaphore built from a lock, a condition variable and an int: OSTEP's Zemaphore (chapter 31), with
// ReentrantLock and its Condition. wait() sleeps while the value is 0 and only then decrements, so the
// value never goes below 0 (Dijkstra's definition lets it go negative, counting the sleepers). Used with 1
// it is a lock around `total++`; used with 0 it is a signal that each thread posts when it is done.
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

public class Zemaphore {
    static final int THREADS = 4, N = 10_000;

    private int value; // guarded by lock
    private int lowest;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();

    Zemaphore(int value) {
        this.value = value;
        this.lowest = value;
    }

    void semWait() {
        lock.lock();
        try {
            while (value <= 0) changed.awaitUninterruptibly(); // wait first ...
            value--; // ... decrement after: never below 0
            lowest = Math.min(lowest, value);
        } finally {
            lock.unlock();
        }
    }

    void post() {
        lock.lock();
        try {
            value++;
            changed.signal();
        } finally {
            lock.unlock();
        }
    }

    int lowest() {
        lock.lock();
        try {
            return lowest;
        } finally {
            lock.unlock();
        }
    }

    static int total = 0; // guarded by the mutex Zemaphore

    public static void main(String[] args) {
        Zemaphore mutex = new Zemaphore(1), done = new Zemaphore(0);
        for (int t = 0; t < THREADS; t++) {
            new Thread(() -> {
                for (int i = 0; i < N; i++) {
                    mutex.semWait();
                    total++; // a read, an add and a write: only the Zemaphore keeps them together
                    mutex.post();
                }
                done.post();
            }).start();
        }
        for (int t = 0; t < THREADS; t++) done.semWait(); // one post per finished thread
        // The last post and this wait were under done's lock: main sees every increment.
        System.out.printf("total %d of %d; the lowest value was %d%n", total, THREADS * N, Math.min(mutex.lowest(), done.lowest()));
    }
}
