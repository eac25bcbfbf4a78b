// Producer-consumer with an ArrayBlockingQueue: the lock and the two conditions are inside the queue.
// Main puts the numbers 2 to 20,000 into a queue of 16 places; three workers take them and count primes.
// put() blocks while 16 jobs wait (back-pressure). A queue cannot hold null, so the stop signal is a
// sentinel value, one per worker.
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;

public class QueueWorkers {
    static final int WORKERS = 3, LIMIT = 20_000, STOP = -1;
    static final BlockingQueue<Integer> jobs = new ArrayBlockingQueue<>(16);
    static final AtomicInteger processed = new AtomicInteger(), primes = new AtomicInteger();

    static boolean isPrime(int x) {
        if (x < 2) return false;
        for (int d = 2; d * d <= x; d++) if (x % d == 0) return false;
        return true;
    }

    static void worker() {
        try {
            for (int x = jobs.take(); x != STOP; x = jobs.take()) { // take() blocks while the queue is empty
                if (isPrime(x)) primes.incrementAndGet();
                processed.incrementAndGet();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public static void main(String[] args) throws InterruptedException {
        Thread[] threads = new Thread[WORKERS];
        for (int i = 0; i < WORKERS; i++) (threads[i] = new Thread(QueueWorkers::worker)).start();
        for (int x = 2; x <= LIMIT; x++) jobs.put(x); // blocks whenever 16 jobs are waiting
        for (int i = 0; i < WORKERS; i++) jobs.put(STOP); // one stop signal per worker
        for (Thread t : threads) t.join();
        int expected = 0;
        for (int x = 2; x <= LIMIT; x++) if (isPrime(x)) expected++;
        if (primes.get() != expected) throw new IllegalStateException("workers found " + primes + ", main finds " + expected);
        System.out.printf("%d numbers tested by %d threads: %d primes, as main counts alone%n", processed.get(), WORKERS, primes.get());
    }
}
