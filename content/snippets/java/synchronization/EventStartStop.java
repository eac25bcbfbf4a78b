// A start signal and a stop flag. Java has no Event class: a CountDownLatch(1) is a one-shot one
// (countDown() sets it, await() waits for it, getCount() == 0 reads it), and a volatile boolean is
// enough for a flag that threads only poll.
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;

public class EventStartStop {
    static final int WORKERS = 3;
    static final CountDownLatch go = new CountDownLatch(1);
    static volatile boolean stop; // volatile: a write by main is seen by the workers' next read
    static final AtomicLongArray chunks = new AtomicLongArray(WORKERS);
    static final AtomicInteger stopped = new AtomicInteger();
    static volatile long sink;

    public static void main(String[] args) throws InterruptedException {
        Thread[] threads = new Thread[WORKERS];
        for (int i = 0; i < WORKERS; i++) {
            int me = i;
            threads[i] = new Thread(() -> worker(me));
            threads[i].start();
        }
        Thread.sleep(50); // set-up the workers must not overlap with; meanwhile they wait in go.await()
        for (int i = 0; i < WORKERS; i++) if (chunks.get(i) != 0) throw new IllegalStateException("a worker ran before go");
        System.out.println("go");
        go.countDown(); // releases every waiting thread
        Thread.sleep(200);
        System.out.println("stop");
        stop = true;
        for (Thread t : threads) t.join();
        int worked = 0;
        for (int i = 0; i < WORKERS; i++) if (chunks.get(i) > 0) worked++;
        System.out.printf("%d of %d workers stopped cleanly; %d of them did work after go%n", stopped.get(), WORKERS, worked);
    }

    static void worker(int me) {
        try {
            go.await(); // returns at once if the latch is already open
        } catch (InterruptedException e) {
            return;
        }
        long acc = 0;
        while (!stop) {
            for (int i = 0; i < 20_000; i++) acc = acc * 31 + i; // one short chunk of work
            chunks.incrementAndGet(me);
        }
        sink = acc; // publish the result, so the loop is not optimised away
        stopped.incrementAndGet();
    }
}
