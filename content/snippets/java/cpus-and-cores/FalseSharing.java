// False sharing in Java: two threads, each adding to its own slot of an AtomicIntegerArray, are
// slowed down when the two slots share a cache line. Slots 0 and 1 are 4 bytes apart: the same line.
// Slots 0 and 32 are 128 bytes apart: different lines, and not a pair that Intel's adjacent-line
// prefetcher fetches together. The program times both, several rounds each, alternating, and prints
// the medians and their ratio.
//
// Why an int array and not fields: the JVM decides where fields go and may put two of them side by
// side whatever order you declare them in. Array elements stay in index order. On 64-bit HotSpot an
// array's elements start 16 bytes into the object and objects are 8-byte aligned, so elements 0 and 1
// (bytes 16-23) share an 8-byte word and can never be split by a line boundary.
//
// The JDK's own fix is the @jdk.internal.vm.annotation.Contended annotation (JEP 142), which pads a
// field onto its own lines; java.util.concurrent uses it (LongAdder's cells, Thread's random seeds).
// Outside the JDK it is ignored unless you run with -XX:-RestrictContended and export the internal
// package, so ordinary code pads by hand, as here.
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicIntegerArray;

public class FalseSharing {
    static final int N = 20_000_000;
    static final int ROUNDS = 5;

    /** Both threads add 1 to their own slot N times; returns the wall time in milliseconds. */
    static double race(int slotA, int slotB) throws InterruptedException {
        AtomicIntegerArray slots = new AtomicIntegerArray(64);
        CountDownLatch ready = new CountDownLatch(2);
        Thread[] ts = new Thread[2];
        int[] mine = {slotA, slotB};
        for (int t = 0; t < 2; t++) {
            int slot = mine[t];
            ts[t] = new Thread(() -> {
                ready.countDown();
                while (ready.getCount() > 0) Thread.onSpinWait(); // spinning start line: both run at once
                for (int i = 0; i < N; i++) slots.getAndIncrement(slot); // lock xadd: the core must own the line
            });
        }
        long t0 = System.nanoTime();
        for (Thread t : ts) t.start();
        for (Thread t : ts) t.join();
        double ms = (System.nanoTime() - t0) / 1e6;
        if (slots.get(slotA) + slots.get(slotB) != 2 * N) throw new AssertionError("never: the slots are atomic");
        return ms;
    }

    static double median(double[] xs) {
        double[] s = xs.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }

    public static void main(String[] args) throws InterruptedException {
        race(0, 1); // warm-up: let the JIT compile the loop before anything is timed
        double[] same = new double[ROUNDS], padded = new double[ROUNDS];
        for (int r = 0; r < ROUNDS; r++) { // alternate, so that noise from other programs hits both alike
            same[r] = race(0, 1);
            padded[r] = race(0, 32);
        }
        double s = median(same), p = median(padded);
        System.out.printf("same cache line: %.0f ms%n", s);
        System.out.printf("padded apart: %.0f ms%n", p);
        System.out.printf("ratio same / padded: %.2f%n", s / p);
    }
}
