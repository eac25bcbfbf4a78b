// A compare-and-swap loop: "take one ticket if any are left" as one atomic step. There is no atomic
// "subtract unless that goes below zero", so: read the pool, decide, and write left - 1 with
// compareAndExchange(left, left - 1), which stores only if the pool still holds `left` and returns what
// it found either way. If another thread got there first, nothing was stored: decide again on that value.
import java.util.concurrent.atomic.AtomicInteger;

public class CasTickets {
    static final int THREADS = 2, TICKETS = 1_000_000;
    static final AtomicInteger pool = new AtomicInteger(TICKETS);
    static final AtomicInteger sold = new AtomicInteger();

    static boolean takeTicket() {
        int left = pool.get();
        for (;;) {
            if (left <= 0) return false; // sold out, decided on a value we read, nothing written
            int found = pool.compareAndExchange(left, left - 1); // strong CAS (Java 9+)
            if (found == left) return true; // our write went in
            left = found; // someone else changed it first
        }
    }

    public static void main(String[] args) throws InterruptedException {
        Thread[] sellers = new Thread[THREADS];
        for (int t = 0; t < THREADS; t++) {
            sellers[t] = new Thread(() -> {
                int mine = 0;
                while (takeTicket()) mine++;
                sold.addAndGet(mine); // once at the end: an add per sale would be contention of its own
            });
            sellers[t].start();
        }
        for (Thread s : sellers) s.join();
        if (pool.get() != 0) throw new IllegalStateException("the pool ended at " + pool.get());
        System.out.printf("%d of %d tickets sold, pool at %d%n", sold.get(), TICKETS, pool.get());
    }
}
