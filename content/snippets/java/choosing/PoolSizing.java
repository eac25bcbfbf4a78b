import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Little's law and pool size: requests arrive at 250 per second and each waits 20 ms on
 * Executors.newFixedThreadPool(n). Throughput is N / W until N reaches λW = 5 threads, then the
 * arrival rate. (Goetz et al., Java Concurrency in Practice, 8.2, size CPU-bound pools by
 * cores × (1 + W/C): here C is tiny and the limit is the arrivals, not the cores.)
 *
 * Requests are offered for 0.3 s on a fixed timetable; completions are counted in a 0.3 s window
 * that starts one wait later. shutdownNow() then drops the requests that never started.
 */
public class PoolSizing {
    static final int RATE = 250;
    static final long WAIT_MS = 20, WINDOW_MS = 300;

    static double throughput(int n) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        for (int i = 0; i < n; i++) pool.submit(() -> {}); // start the threads before the clock matters
        AtomicInteger counted = new AtomicInteger();
        long start = System.nanoTime();
        long from = start + WAIT_MS * 1_000_000, to = from + WINDOW_MS * 1_000_000;
        for (int i = 0; i < RATE * WINDOW_MS / 1000; i++) {
            long due = start + i * 1_000_000_000L / RATE;
            long now = System.nanoTime();
            if (due > now) TimeUnit.NANOSECONDS.sleep(due - now);
            pool.submit(() -> {
                try {
                    Thread.sleep(WAIT_MS); // the database call
                } catch (InterruptedException e) {
                    return; // shutdownNow() after the window: leave
                }
                long t = System.nanoTime();
                if (t >= from && t <= to) counted.incrementAndGet();
            });
        }
        long left = to - System.nanoTime();
        if (left > 0) TimeUnit.NANOSECONDS.sleep(left + 2_000_000);
        pool.shutdownNow(); // never-started requests are returned, not run
        pool.awaitTermination(5, TimeUnit.SECONDS);
        return counted.get() / (WINDOW_MS / 1000.0);
    }

    public static void main(String[] args) throws InterruptedException {
        int[] sizes = {1, 2, 4, 6, 8};
        double[] x = new double[9];
        for (int n : sizes) {
            x[n] = throughput(n);
            System.out.printf("pool of %d: %.0f requests/s (Little: %.0f)%n", n, x[n], Math.min(n * 1000.0 / WAIT_MS, RATE));
        }
        System.out.printf("4 threads / 1 thread: %.2fx; 8 threads / 6 threads: %.2fx%n", x[4] / x[1], x[8] / x[6]);
    }
}
