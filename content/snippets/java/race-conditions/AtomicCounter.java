// The same counter as an AtomicInteger: incrementAndGet() is one indivisible read-modify-write
// (a lock-prefixed add or a compare-and-swap loop in hardware), so no update is lost and no lock is taken.
import java.util.concurrent.atomic.AtomicInteger;

public class AtomicCounter {
    static final int THREADS = 2;
    static final int ADDS_PER_THREAD = 50_000_000;
    static final AtomicInteger count = new AtomicInteger();

    public static void main(String[] args) throws InterruptedException {
        Thread[] workers = new Thread[THREADS];
        for (int t = 0; t < THREADS; t++) {
            workers[t] = new Thread(() -> {
                startLine();
                for (int i = 0; i < ADDS_PER_THREAD; i++) {
                    count.incrementAndGet();
                }
            });
            workers[t].start();
        }
        for (Thread w : workers) w.join();

        long expected = (long) THREADS * ADDS_PER_THREAD;
        System.out.printf("expected %d, got %d (lost %d)%n", expected, count.get(), expected - count.get());
    }

    static final AtomicInteger running = new AtomicInteger();

    // Spin, do not block, until every worker is running: a blocked thread takes a while to wake up,
    // and a short race can be over before the second thread gets going.
    static void startLine() {
        running.incrementAndGet();
        while (running.get() < THREADS) Thread.onSpinWait();
    }
}
