// A mutex built from one atomic word, after Drepper's "Futexes Are Tricky": 0 free, 1 held, 2 held
// with sleepers possible. Java has no futex; its own locks sleep with LockSupport.park, whose permit
// gives the same guarantee: a waiter queues itself, then parks only if the word still says 2, and an
// unpark that comes first makes the park return at once. Four threads share a counter: it is exact.

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

public class FutexMutex {
    private final AtomicInteger word = new AtomicInteger(0);
    private final ConcurrentLinkedQueue<Thread> sleepers = new ConcurrentLinkedQueue<>();

    /** FUTEX_WAIT: sleep unless the word has changed. May return early; callers look again. */
    private void await(int value) {
        Thread me = Thread.currentThread();
        sleepers.add(me); // queue first, then look: a release after this point will find us
        if (word.get() == value) LockSupport.park(this);
        sleepers.remove(me);
    }

    public void lock() {
        int c = word.compareAndExchange(0, 1); // returns the value it found, like cmpxchg
        if (c == 0) return; // uncontended: one atomic instruction, nobody parked
        do {
            if (c == 2 || word.compareAndExchange(1, 2) != 0) await(2); // announce a sleeper, then sleep while still 2
        } while ((c = word.compareAndExchange(0, 2)) != 0); // take it as 2: other sleepers may remain
    }

    public void unlock() {
        if (word.getAndSet(0) == 2) { // wake someone only if someone may sleep
            Thread next = sleepers.poll();
            if (next != null) LockSupport.unpark(next);
        }
    }

    static final int THREADS = 4, ADDS_PER_THREAD = 1_000_000;
    static long counter = 0; // guarded by mutex

    public static void main(String[] args) throws InterruptedException {
        FutexMutex mutex = new FutexMutex();
        Thread[] workers = new Thread[THREADS];
        CountDownLatch startLine = new CountDownLatch(THREADS); // all start together: the lock is contended
        for (int t = 0; t < THREADS; t++) {
            workers[t] = new Thread(() -> {
                startLine.countDown();
                try { startLine.await(); } catch (InterruptedException e) { return; }
                for (int i = 0; i < ADDS_PER_THREAD; i++) {
                    mutex.lock();
                    try { counter++; } finally { mutex.unlock(); }
                }
            });
            workers[t].start();
        }
        for (Thread w : workers) w.join();
        long expected = (long) THREADS * ADDS_PER_THREAD;
        System.out.printf("expected %d, got %d (lost %d)%n", expected, counter, expected - counter);
    }
}
