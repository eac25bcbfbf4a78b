// Four tasks that wait, and four tasks that compute, each run one after another and then on four
// threads. A sleeping thread (Thread.sleep stands in for a network or disk request) uses no CPU, so
// four threads wait at the same time: about four times faster on any machine. Computing threads need
// a core each: their speedup stops at the number of free cores.
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

public class IoVsCpu {
    static final int TASKS = 4;
    static final AtomicInteger sink = new AtomicInteger(); // keeps the computed values, so the JIT cannot drop the loops

    static void waitTask() {
        try {
            for (int i = 0; i < 4; i++) Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void computeTask() {
        int x = 0x92D68CA2;
        for (int i = 0; i < 100_000_000; i++) { // xorshift: each step depends on the one before
            x ^= x << 13;
            x ^= x >>> 17;
            x ^= x << 5;
        }
        sink.addAndGet(x);
    }

    static double timed(Runnable task, boolean threaded) throws InterruptedException {
        long t0 = System.nanoTime();
        if (threaded) {
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < TASKS; i++) {
                Thread t = new Thread(task);
                t.start();
                threads.add(t);
            }
            for (Thread t : threads) t.join();
        } else {
            for (int i = 0; i < TASKS; i++) task.run();
        }
        return (System.nanoTime() - t0) / 1e9;
    }

    public static void main(String[] args) throws InterruptedException {
        String[] labels = {"I/O-bound", "CPU-bound"};
        Runnable[] tasks = {IoVsCpu::waitTask, IoVsCpu::computeTask};
        for (int k = 0; k < 2; k++) {
            double seq = timed(tasks[k], false);
            double par = timed(tasks[k], true);
            System.out.printf("%s: %d tasks, one after another %.2f s, %d threads %.2f s, speedup %.2fx%n",
                    labels[k], TASKS, seq, TASKS, par, seq / par);
        }
    }
}
