// An approximate ("sloppy") counter against one locked counter (OSTEP ch. 29). Each thread counts in
// a slot of its own and folds S counts into the global count under the global lock; the global count
// trails the true count by what sits in the slots, at most threads x (S - 1). A second, untimed run
// samples that lag while the threads count. The JDK ships the same idea as
// java.util.concurrent.atomic.LongAdder: striped cells, and a sum() that is not an atomic snapshot.
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.ReentrantLock;

public class ApproximateCounter {
    static final int THREADS = 4;
    static final long N = 1_000_000, S = 1024;
    static final int PAD = 16; // 16 longs = 128 bytes between slots: never one cache line

    static final class Approximate {
        final ReentrantLock lock = new ReentrantLock();
        long global = 0; // read and written only under lock
        final AtomicLongArray slots = new AtomicLongArray(THREADS * PAD);

        void count(int me) {
            long local = 0;
            for (long i = 0; i < N; i++) {
                if (++local >= S) { // fold: the only moment this thread touches contended memory
                    lock.lock();
                    try { global += local; } finally { lock.unlock(); }
                    local = 0;
                }
                slots.setOpaque(me * PAD, local); // visible to the sampler, no fence needed
            }
            lock.lock(); // done: fold the rest, so the count ends exact
            try { global += local; } finally { lock.unlock(); }
            slots.setOpaque(me * PAD, 0);
        }

        long get() {
            lock.lock();
            try { return global; } finally { lock.unlock(); }
        }
    }

    static Thread[] start(Runnable[] bodies) {
        Thread[] ts = new Thread[bodies.length];
        for (int t = 0; t < bodies.length; t++) (ts[t] = new Thread(bodies[t])).start();
        return ts;
    }

    static Runnable[] approximate(Approximate c) {
        Runnable[] r = new Runnable[THREADS];
        for (int t = 0; t < THREADS; t++) { final int me = t; r[t] = () -> c.count(me); }
        return r;
    }

    static long precise = 0;

    public static void main(String[] args) throws InterruptedException {
        ReentrantLock lock = new ReentrantLock();
        Runnable locked = () -> {
            for (long i = 0; i < N; i++) {
                lock.lock();
                try { precise++; } finally { lock.unlock(); }
            }
        };
        long t0 = System.nanoTime();
        for (Thread t : start(new Runnable[] {locked, locked, locked, locked})) t.join();
        double lockMs = (System.nanoTime() - t0) / 1e6;

        // Timed: the threads alone. Then again, untimed, while main samples the lag.
        Approximate c = new Approximate();
        t0 = System.nanoTime();
        for (Thread t : start(approximate(c))) t.join();
        double approxMs = (System.nanoTime() - t0) / 1e6;

        Approximate sampled = new Approximate();
        Thread[] running = start(approximate(sampled));
        long lag = 0;
        for (boolean alive = true; alive; ) { // the lag now: counted by the threads, not yet in global
            alive = false;
            for (Thread t : running) alive |= t.isAlive();
            long s = 0;
            for (int t = 0; t < THREADS; t++) s += sampled.slots.getOpaque(t * PAD);
            lag = Math.max(lag, s);
        }
        for (Thread t : running) t.join();
        lock.lock();
        try {
            System.out.printf("%d threads x %d, S = %d: one lock %d in %.0f ms, approximate %d in %.0f ms; largest lag seen %d of at most %d%n",
                    THREADS, N, S, precise, lockMs, c.get(), approxMs, lag, THREADS * (S - 1));
        } finally { lock.unlock(); }
    }
}
