// An atomicity violation, after the MySQL bug in Lu et al. (ASPLOS 2008): T1 checks that procInfo is not
// null and then uses it, reading the field again; T2 keeps setting it to null and back. The field is
// volatile, so every read and write is atomic and there is no data race: the bug is that the check and
// the use are two steps. The program counts the uses that read null after a passed check (in MySQL,
// fputs(NULL) crashed the server). Then it runs again with procInfoLock held around the check and the
// use, and around each write: the count is 0.
import java.util.concurrent.CountDownLatch;

public class CheckThenUse {
    static final String MESSAGE = "Sending data";
    static volatile String procInfo = MESSAGE;
    static final Object procInfoLock = new Object();
    static volatile boolean stop;

    // A little work: T1 formats a timestamp between its check and its use, as a logger would, and T2 keeps
    // each value for a moment, as a real query would. Both widen the window without changing the bug.
    static void work(int steps) {
        for (int k = 0; k < steps; k++) Thread.onSpinWait();
    }

    static void run(boolean locked) throws InterruptedException {
        procInfo = MESSAGE;
        stop = false;
        CountDownLatch start = new CountDownLatch(2);
        long[] counts = new long[2]; // passed checks, null uses: written by T1, read after join
        Thread t1 = new Thread(() -> {
            start.countDown();
            while (start.getCount() > 0) Thread.onSpinWait(); // both threads start at once
            long passed = 0, nullUses = 0;
            while (!stop) {
                if (locked) {
                    synchronized (procInfoLock) {
                        if (procInfo != null) {
                            passed++;
                            work(4);
                            if (procInfo == null) nullUses++;
                        }
                    }
                } else if (procInfo != null) { // the check ...
                    passed++;
                    work(4); // format the timestamp
                    if (procInfo == null) nullUses++; // ... and the use: fputs(procInfo) would crash here
                }
            }
            counts[0] = passed;
            counts[1] = nullUses;
        });
        Thread t2 = new Thread(() -> {
            start.countDown();
            while (start.getCount() > 0) Thread.onSpinWait();
            while (!stop) {
                if (locked) {
                    synchronized (procInfoLock) { procInfo = null; }
                    work(20);
                    synchronized (procInfoLock) { procInfo = MESSAGE; }
                } else {
                    procInfo = null; // the query ends
                    work(20);
                    procInfo = MESSAGE; // and the next one starts
                }
                work(20);
            }
        });
        t1.start();
        t2.start();
        Thread.sleep(300); // each version runs for 300 ms: long enough to share the cores on a busy machine
        stop = true;
        t1.join();
        t2.join();
        System.out.printf("%s: %d of %d passed checks were followed by a NULL use%n", locked ? "with procInfoLock" : "without a lock", counts[1], counts[0]);
    }

    public static void main(String[] args) throws InterruptedException {
        run(false);
        run(true);
    }
}
