// The racy counter with one change: each increment is an AtomicInteger.getAndIncrement(), one indivisible
// read-modify-write (lock xadd on x86). No update can be lost, and there is no lock to wait for.
import java.util.concurrent.atomic.AtomicInteger;

public class AtomicAdd {
    static final int THREADS = 2, N = 1_000_000;
    static final AtomicInteger total = new AtomicInteger();

    public static void main(String[] args) throws InterruptedException {
        Thread[] workers = new Thread[THREADS];
        for (int t = 0; t < THREADS; t++) {
            workers[t] = new Thread(() -> {
                for (int i = 0; i < N; i++) {
                    total.getAndIncrement(); // returns the value before the add, like Atomics.add
                }
            });
            workers[t].start();
        }
        for (Thread w : workers) w.join();
        System.out.printf("expected %d, got %d%n", THREADS * N, total.get());
    }
}
