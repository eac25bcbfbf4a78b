// An order violation, after the Mozilla bug in Lu et al. (ASPLOS 2008). init() starts a thread and then
// stores it in mThread; the thread's first act is to read its state through mThread. Nothing makes the
// store come first. Here init() takes 100 ms between the start and the assignment (registering the
// thread elsewhere, say), which makes the bad order certain: the thread reads null. The fix enforces the
// order: init() counts down a CountDownLatch after the assignment, and the thread awaits it first.
import java.util.concurrent.CountDownLatch;

public class UseBeforeInit {
    static volatile Thread mThread;
    static volatile String outcome;

    static void init(boolean waitForInit) throws InterruptedException {
        mThread = null;
        CountDownLatch initialised = new CountDownLatch(1);
        Thread t = new Thread(() -> {
            if (waitForInit) {
                try {
                    initialised.await(); // the fix: A (the assignment) before B (this read), enforced
                } catch (InterruptedException e) {
                    return;
                }
            }
            try {
                outcome = "mMain found mThread set, state " + mThread.getState();
            } catch (NullPointerException e) {
                outcome = "mMain found mThread not set yet: NullPointerException";
            }
        });
        t.start(); // the thread may run from here on ...
        Thread.sleep(100); // ... while init() registers it elsewhere
        mThread = t; // the assignment the thread relies on
        initialised.countDown();
        t.join();
        System.out.println((waitForInit ? "with a CountDownLatch: " : "without a signal: ") + outcome);
    }

    public static void main(String[] args) throws InterruptedException {
        init(false);
        init(true);
    }
}
