// The same counter, with every update inside a `synchronized` block: the total is always exact.
// The monitor also makes each thread's write visible to the next thread that takes it.

import java.util.concurrent.atomic.AtomicInteger;

public class SynchronizedCounter {
    static final int THREADS = 2;
    static final int ADDS_PER_THREAD = 50_000_000;
    static final Object lock = new Object();
    static int count = 0; // guarded by `lock`

    public static void main(String[] args) throws InterruptedException {
        Thread[] workers = new Thread[THREADS];
        for (int t = 0; t < THREADS; t++) {
            workers[t] = new Thread(() -> {
                startLine();
                for (int i = 0; i < ADDS_PER_THREAD; i++) {
                    synchronized (lock) { // one thread at a time in here
                        count++;
                    }
                }
            });
            workers[t].start();
        }
        for (Thread w : workers) w.join(); // join() also makes the workers' writes visible to main

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
