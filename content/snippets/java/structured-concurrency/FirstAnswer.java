import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The first answer wins, the rest are cancelled: ExecutorService.invokeAny returns the first task
 * that succeeds and cancels the others with Future.cancel(true), which interrupts their threads.
 * Interruption is Java's cooperative cancellation: Thread.sleep (like wait, join and blocking queue
 * operations) is a cancellation point that throws InterruptedException. Cleanup runs in finally.
 * shutdown() plus awaitTermination() make sure no thread of the pool is left running.
 */
public class FirstAnswer {
    static final AtomicInteger cancelled = new AtomicInteger();
    static final AtomicInteger cleanups = new AtomicInteger();

    static Callable<Integer> searcher(int steps, boolean finds) {
        return () -> {
            try {
                for (int i = 0; i < steps; i++) {
                    Thread.sleep(10); // waiting for the next page: throws if interrupted
                }
                if (!finds) throw new IllegalStateException("not in this part");
                return 4217;
            } catch (InterruptedException e) {
                cancelled.incrementAndGet();
                Thread.currentThread().interrupt(); // keep the request visible to the caller
                throw e;
            } finally {
                cleanups.incrementAndGet(); // close the connection, however we leave
            }
        };
    }

    public static void main(String[] args) throws Exception {
        List<Callable<Integer>> searchers = new ArrayList<>();
        for (int i = 0; i < 3; i++) searchers.add(searcher(40, false));
        searchers.add(searcher(3, true));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        int answer;
        try {
            answer = pool.invokeAny(searchers); // cancels the others once one succeeds
        } finally {
            pool.shutdown();
            pool.awaitTermination(5, TimeUnit.SECONDS); // structured: wait until they have left
        }
        System.out.println("answer: " + answer + "; pool terminated: " + pool.isTerminated());
        System.out.println("cancelled: " + cancelled.get() + " of 3; cleanup ran in " + cleanups.get() + " of 4");
    }
}
