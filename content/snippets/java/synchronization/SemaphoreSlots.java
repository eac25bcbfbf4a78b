// A Semaphore with 2 permits lets at most two of six threads into a section at once.
// Each thread visits twice and holds its place for 30 ms. A tally under its own lock records how many
// are inside and the most there ever were: the instrument, kept exact by the lock.
import java.util.concurrent.Semaphore;

public class SemaphoreSlots {
    static final int WORKERS = 6, SLOTS = 2, ROUNDS = 2;
    static final Semaphore slots = new Semaphore(SLOTS);
    static final Object tally = new Object();
    static int inside, maxInside, visits; // guarded by tally

    public static void main(String[] args) throws InterruptedException {
        Thread[] threads = new Thread[WORKERS];
        for (int i = 0; i < WORKERS; i++) {
            threads[i] = new Thread(SemaphoreSlots::visitor);
            threads[i].start();
        }
        for (Thread t : threads) t.join();
        System.out.printf("%d visits by %d threads; at most %d inside at once (limit %d)%n", visits, WORKERS, maxInside, SLOTS);
    }

    static void visitor() {
        for (int r = 0; r < ROUNDS; r++) {
            slots.acquireUninterruptibly(); // take a permit, or sleep until someone releases one
            try {
                synchronized (tally) {
                    inside++;
                    maxInside = Math.max(maxInside, inside);
                }
                Thread.sleep(30); // the work that needs one of the limited slots
                synchronized (tally) {
                    inside--;
                    visits++;
                }
            } catch (InterruptedException e) {
                throw new RuntimeException(e);
            } finally {
                slots.release(); // any thread may release: a permit has no owner
            }
        }
    }
}
