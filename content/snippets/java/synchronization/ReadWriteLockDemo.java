// A ReentrantReadWriteLock: readers hold its read lock together, a writer holds the write lock alone.
// Writers keep a pair of numbers equal, but set them 1 ms apart: a reader that looked during a write
// would see them differ. Atomic instruments count torn reads, crowded writes and the most readers inside.
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantReadWriteLock;

public class ReadWriteLockDemo {
    static final int READERS = 4, WRITERS = 2, READS = 20, WRITES = 5;
    static final ReentrantReadWriteLock rw = new ReentrantReadWriteLock();
    static int a, b; // guarded by rw
    static final AtomicInteger readersIn = new AtomicInteger(), writersIn = new AtomicInteger(), maxReaders = new AtomicInteger();
    static final AtomicInteger reads = new AtomicInteger(), writes = new AtomicInteger(), torn = new AtomicInteger(), crowded = new AtomicInteger();

    static void reader() {
        for (int i = 0; i < READS; i++) {
            rw.readLock().lock();
            try {
                maxReaders.accumulateAndGet(readersIn.incrementAndGet(), Math::max); // a CAS loop inside
                int first = a;
                sleep(2); // a slow read: time for other readers to come in too
                if (first != b) torn.incrementAndGet();
                readersIn.decrementAndGet();
                reads.incrementAndGet();
            } finally {
                rw.readLock().unlock();
            }
            sleep(1);
        }
    }

    static void writer(int me) {
        for (int i = 1; i <= WRITES; i++) {
            rw.writeLock().lock();
            try {
                if (writersIn.incrementAndGet() != 1 || readersIn.get() != 0) crowded.incrementAndGet();
                a = me * 1_000 + i;
                sleep(1); // the pair is inconsistent now: nobody may look
                b = me * 1_000 + i;
                writersIn.decrementAndGet();
                writes.incrementAndGet();
            } finally {
                rw.writeLock().unlock();
            }
            sleep(4);
        }
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            throw new RuntimeException(e);
        }
    }

    public static void main(String[] args) throws InterruptedException {
        Thread[] threads = new Thread[READERS + WRITERS];
        for (int r = 0; r < READERS; r++) threads[r] = new Thread(ReadWriteLockDemo::reader);
        for (int w = 0; w < WRITERS; w++) {
            int me = w + 1;
            threads[READERS + w] = new Thread(() -> writer(me));
        }
        for (Thread t : threads) t.start();
        for (Thread t : threads) t.join();
        System.out.printf("%d reads, %d writes; torn reads: %d, writers not alone: %d%n", reads.get(), writes.get(), torn.get(), crowded.get());
        System.out.println("readers overlapped: " + (maxReaders.get() >= 2 ? "yes" : "no"));
    }
}
