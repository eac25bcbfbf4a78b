// Two threads add 1 to a shared counter fifty million times each, with no lock.
//
// `volatile` makes every read and every write of `count` go to memory, one at a time, so the JIT
// cannot merge the loop into a single addition. It does not make `count++` atomic: it is still a read,
// an add and a write, and two threads that read the same value both write back value + 1.

import java.util.concurrent.atomic.AtomicInteger;

public class UnlockedCounter {
    static final int THREADS = 2;
    static final int ADDS_PER_THREAD = 50_000_000;
    static volatile int count = 0;

    public static void main(String[] args) throws InterruptedException {
        Thread[] workers = new Thread[THREADS];
        for (int t = 0; t < THREADS; t++) {
            workers[t] = new Thread(() -> {
                startLine(); // both threads start counting together, each on its own core
                for (int i = 0; i < ADDS_PER_THREAD; i++) {
                    count++; // read, add, write back: another thread can write in between
                }
            });
            workers[t].start();
        }
        for (Thread w : workers) w.join();

        long expected = (long) THREADS * ADDS_PER_THREAD;
        System.out.printf("expected %d, got %d (lost %d)%n", expected, count, expected - count);
    }

    static final AtomicInteger running = new AtomicInteger();

    // Spin, do not block, until every worker is running: a blocked thread takes a while to wake up,
    // and a short race can be over before the second thread gets going.
    static void startLine() {
        running.incrementAndGet();
        while (running.get() < THREADS) Thread.onSpinWait();
    }
}
