// Per-thread state with ThreadLocal: each thread that calls get() gets its own value, made by the
// initializer on its first use, so it needs no lock. A plain static field would be one variable for all.
// In a thread pool, whatever one task leaves in a ThreadLocal is still there for the next task.
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

public class ThreadLocalState {
    static final int THREADS = 3;
    static final ThreadLocal<int[]> calls = ThreadLocal.withInitial(() -> new int[1]);
    static final ThreadLocal<Map<Integer, Integer>> cache = ThreadLocal.withInitial(HashMap::new);
    static final String[] reports = new String[THREADS]; // each written by one thread, read after join()
    static final AtomicInteger total = new AtomicInteger();

    static int handle(int request) {
        calls.get()[0]++; // this thread's counter: no other thread can see it
        return cache.get().computeIfAbsent(request % 100, key -> key * key); // stands for something expensive
    }

    static void serve(int me, int myCalls) {
        for (int i = 0; i < myCalls; i++) handle(i);
        int mine = calls.get()[0];
        if (mine != myCalls) throw new IllegalStateException("T" + (me + 1) + ": calls = " + mine + ", but made " + myCalls);
        reports[me] = String.format("T%d: calls = %d (its own), cache holds %d entries", me + 1, mine, cache.get().size());
        total.addAndGet(mine);
    }

    public static void main(String[] args) throws InterruptedException {
        Thread[] threads = new Thread[THREADS];
        for (int i = 0; i < THREADS; i++) {
            int me = i;
            (threads[i] = new Thread(() -> serve(me, 1_000 * (me + 1)))).start();
        }
        for (Thread t : threads) t.join();
        for (String r : reports) System.out.println(r);
        System.out.printf("main's own calls = %d; the threads' counts add up to %d%n", calls.get()[0], total.get());
    }
}
