// Store buffering, the classic litmus test: x and y start at 0, then in each round
//
//     T1: x = 1; r1 = y        T2: y = 1; r2 = x
//
// Can both threads read 0? Not under sequential consistency: whichever store comes first in the one
// global order, the other thread's load comes after it. With plain int fields it can: the Java memory
// model lets the JIT and the processor reorder a plain store with a later plain load of another field,
// and an x86 core does, keeping the store in its store buffer while the load already reads memory.
// With volatile fields it cannot: all volatile accesses form one order consistent with each thread's
// program order (JLS 17.4.4), and on x86 the JIT puts a fence after every volatile store.

import java.util.concurrent.atomic.AtomicInteger;

public class StoreBuffering {
    static final int ROUNDS = 1_000_000;

    static int x, y;                   // plain fields
    static volatile int vx, vy;        // the same, volatile

    static int plainRound(int me) {
        if (me == 0) { x = 1; return y; }
        else { y = 1; return x; }
    }

    static int volatileRound(int me) {
        if (me == 0) { vx = 1; return vy; }
        else { vy = 1; return vx; }
    }

    // Per-round start and finish lines, and each round's two reads. The AtomicIntegers also order the
    // plain reset of x and y (by T1, between rounds) before T2's next round.
    static final AtomicInteger arrived = new AtomicInteger(), finished = new AtomicInteger();
    static final int[] reads = new int[2];

    // Spin until `line` reaches `target`: spinning, not blocking, so both threads leave at once.
    // On a busy machine, yield now and then so that the other thread gets a core.
    static void waitFor(AtomicInteger line, int target) {
        for (long spins = 1; line.get() < target; spins++) {
            if (spins % 100_000 == 0) Thread.yield();
        }
    }

    static int side(int me, boolean plain) {
        int bothZero = 0;
        int seed = 0x9e3779b9 ^ (me + 1);
        for (int round = 1; round <= ROUNDS; round++) {
            arrived.incrementAndGet();
            waitFor(arrived, 2 * round);
            // A random pause lines the two threads' accesses up in some rounds.
            seed ^= seed << 13; seed ^= seed >>> 17; seed ^= seed << 5;
            for (int d = seed & 15; d > 0; d--) Thread.onSpinWait();
            reads[me] = plain ? plainRound(me) : volatileRound(me);
            finished.incrementAndGet();
            waitFor(finished, 2 * round);
            // T1 alone counts and resets; T2 cannot start the next round before T1 arrives again.
            if (me == 0) {
                if (reads[0] == 0 && reads[1] == 0) bothZero++;
                x = y = 0;
                vx = vy = 0;
            }
        }
        return bothZero;
    }

    static int play(boolean plain) throws InterruptedException {
        arrived.set(0);
        finished.set(0);
        Thread t2 = new Thread(() -> side(1, plain));
        t2.start();
        int bothZero = side(0, plain); // this thread is T1
        t2.join();
        return bothZero;
    }

    public static void main(String[] args) throws InterruptedException {
        System.out.printf("plain:    both read 0 in %d of %d rounds%n", play(true), ROUNDS);
        System.out.printf("volatile: both read 0 in %d of %d rounds%n", play(false), ROUNDS);
    }
}
