import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A deadline that cancels: invokeAll(tasks, 300, MILLISECONDS) waits until every task is done or the
 * deadline passes, and then cancels (interrupts) the tasks that have not finished. Each late task is
 * woken out of Thread.sleep by the interrupt, runs its finally and ends; awaitTermination waits for
 * that, so nothing is left running when main reports.
 */
public class Deadline {
    static final AtomicInteger cleanups = new AtomicInteger();

    static Callable<Integer> fetch(int replica, long latencyMs) {
        return () -> {
            try {
                Thread.sleep(latencyMs); // the request: a cancellation point
                return replica;
            } finally {
                cleanups.incrementAndGet();
            }
        };
    }

    public static void main(String[] args) throws Exception {
        long[] latencies = {10, 20, 1000, 2000};
        List<Callable<Integer>> requests = new ArrayList<>();
        for (int i = 0; i < latencies.length; i++) requests.add(fetch(i + 1, latencies[i]));
        ExecutorService pool = Executors.newFixedThreadPool(latencies.length);
        List<Integer> replied = new ArrayList<>();
        List<Integer> cancelled = new ArrayList<>();
        try {
            List<Future<Integer>> results = pool.invokeAll(requests, 300, TimeUnit.MILLISECONDS);
            for (int i = 0; i < results.size(); i++) {
                if (results.get(i).isCancelled()) cancelled.add(i + 1);
                else replied.add(results.get(i).get());
            }
        } finally {
            pool.shutdown();
            pool.awaitTermination(5, TimeUnit.SECONDS);
        }
        System.out.println("replied in time " + replied + ", cancelled " + cancelled);
        System.out.println("cleanup ran in " + cleanups.get() + " of 4; pool terminated: " + pool.isTerminated());
    }
}
