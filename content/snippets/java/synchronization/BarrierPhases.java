// A reusable CyclicBarrier cuts the work into phases: nobody starts phase p + 1 until all have finished p.
// Each thread writes the phase number into its own slot, waits, then reads every slot: all must already
// hold this phase. The second await keeps a fast thread from writing the next phase while a slow one reads.
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicInteger;

public class BarrierPhases {
    static final int THREADS = 4, PHASES = 5;
    static final CyclicBarrier barrier = new CyclicBarrier(THREADS); // the same object serves every phase
    static final int[] slots = new int[THREADS]; // plain ints: await() makes writes before it visible after it
    static final AtomicInteger checks = new AtomicInteger();

    static void phaseWorker(int me) {
        try {
            for (int phase = 1; phase <= PHASES; phase++) {
                Thread.sleep((me + phase) % THREADS * 4L); // uneven work: each phase, a different thread is last
                slots[me] = phase;
                int arrival = barrier.await(); // THREADS-1 for the first to arrive, 0 for the last
                for (int other = 0; other < THREADS; other++) {
                    if (slots[other] != phase) throw new IllegalStateException("phase " + phase + ": slot " + other + " is stale");
                }
                checks.incrementAndGet();
                barrier.await(); // everyone has read this phase before anyone writes the next
                if (arrival == 0) System.out.printf("phase %d: all %d results seen by all %d threads%n", phase, THREADS, THREADS);
            }
        } catch (InterruptedException | BrokenBarrierException e) {
            throw new RuntimeException(e);
        }
    }

    public static void main(String[] args) throws InterruptedException {
        Thread[] threads = new Thread[THREADS];
        for (int i = 0; i < THREADS; i++) {
            int me = i;
            threads[i] = new Thread(() -> phaseWorker(me));
            threads[i].start();
        }
        for (Thread t : threads) t.join();
        System.out.printf("%d checks passed; one CyclicBarrier served %d generations%n", checks.get(), 2 * PHASES);
    }
}
