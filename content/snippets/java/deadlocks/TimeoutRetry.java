// Two threads take two locks in opposite orders and reach the deadlock on purpose, but the second
// tryLock has a timeout: the thread that gives up releases its first lock, backs off a random moment
// and retries, so every job gets done.

import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

public class TimeoutRetry {
    static final int JOBS = 20; // per thread
    static final long TIMEOUT_MS = 50; // to wait for the second lock
    static final CyclicBarrier bothHoldOne = new CyclicBarrier(2);
    static final AtomicInteger done = new AtomicInteger(), timeouts = new AtomicInteger();

    static void worker(ReentrantLock first, ReentrantLock second, String firstName, String secondName) throws Exception {
        int attempt = 0;
        for (int job = 0; job < JOBS; job++) {
            while (true) {
                attempt++;
                first.lock();
                if (attempt == 1) bothHoldOne.await(); // each thread now holds one lock and wants the other's
                if (second.tryLock(TIMEOUT_MS, TimeUnit.MILLISECONDS)) break; // got both
                // Timed out: let go of the first lock so that the other thread can finish, then back off.
                first.unlock();
                timeouts.incrementAndGet();
                System.out.printf("attempt %d: gave up waiting for %s after %d ms; released %s, backing off%n",
                        attempt, secondName, TIMEOUT_MS, firstName);
                Thread.sleep(ThreadLocalRandom.current().nextInt(11));
            }
            try {
                done.incrementAndGet(); // the job, with both locks held
            } finally {
                second.unlock();
                first.unlock();
            }
        }
    }

    public static void main(String[] args) throws InterruptedException {
        ReentrantLock a = new ReentrantLock(), b = new ReentrantLock();
        Thread t1 = new Thread(() -> run(() -> worker(a, b, "A", "B")));
        Thread t2 = new Thread(() -> run(() -> worker(b, a, "B", "A")));
        t1.start();
        t2.start();
        t1.join();
        t2.join();
        System.out.printf("every job done: %d; acquires that timed out: %d%n", done.get(), timeouts.get());
    }

    interface Job { void run() throws Exception; }

    static void run(Job job) {
        try { job.run(); } catch (Exception e) { throw new RuntimeException(e); }
    }
}
