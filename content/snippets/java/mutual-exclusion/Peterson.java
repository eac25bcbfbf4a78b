// Peterson's algorithm for two threads, with two strengths of ordering for its flag and turn accesses.
//
//     flag[me] = 1; turn = other;                    I want in, but you first
//     while (flag[other] == 1 && turn == other) {}   wait while you want in and it is your turn
//     ... critical section ...
//     flag[me] = 0;
//
// The proof needs this thread's store to flag[me] to be visible to the other thread before this
// thread reads flag[other]: a store followed by a load of another location, the one reordering x86
// allows (store buffering). VarHandle's release stores and acquire loads do not forbid it: a release
// store may still be overtaken by a later acquire load. Volatile accesses (getVolatile/setVolatile, the
// same as volatile fields) are sequentially consistent (JLS 17.4.4: synchronization order), so they do.
// (Plain fields would be worse still: the JIT may hoist the loads out of the wait loop, and spin forever.)
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

public class Peterson {
    static final int ENTRIES = 100_000;
    static final int[] cells = new int[48]; // flag[0] at 0, flag[1] at 16, turn at 32: separate cache lines
    static final int TURN = 32;
    static final VarHandle CELL = MethodHandles.arrayElementVarHandle(int[].class);
    static final AtomicInteger inside = new AtomicInteger();
    static final AtomicLong both = new AtomicLong();
    static final AtomicInteger ready = new AtomicInteger();

    static void side(int me, boolean seqCst) {
        int other = 1 - me;
        int mine = 16 * me, theirs = 16 * other;
        int seed = 0x9e3779b9 ^ (me + 1);
        for (int i = 0; i < ENTRIES; i++) {
            if (seqCst) {
                CELL.setVolatile(cells, mine, 1);
                CELL.setVolatile(cells, TURN, other);
                for (long s = 1; (int) CELL.getVolatile(cells, theirs) == 1 && (int) CELL.getVolatile(cells, TURN) == other; s++)
                    if (s % 10_000 == 0) LockSupport.parkNanos(50_000); // busy machine: let the other thread run
            } else {
                CELL.setRelease(cells, mine, 1);
                CELL.setRelease(cells, TURN, other);
                for (long s = 1; (int) CELL.getAcquire(cells, theirs) == 1 && (int) CELL.getAcquire(cells, TURN) == other; s++)
                    if (s % 10_000 == 0) LockSupport.parkNanos(50_000);
            }
            // The critical section: announce yourself and look for company on the way in and out.
            boolean company = inside.getAndIncrement() != 0;
            if (company || inside.get() != 1) both.incrementAndGet();
            inside.decrementAndGet();
            if (seqCst) CELL.setVolatile(cells, mine, 0);
            else CELL.setRelease(cells, mine, 0);
            // Outside: a random pause of 0-15 spin-wait hints, so the threads sometimes arrive at a free
            // lock together. (Not an empty loop: the JIT would delete it.)
            seed ^= seed << 13; seed ^= seed >>> 17; seed ^= seed << 5;
            for (int d = seed & 15; d > 0; d--) Thread.onSpinWait();
        }
    }

    static void play(String label, boolean seqCst) throws InterruptedException {
        java.util.Arrays.fill(cells, 0);
        inside.set(0); both.set(0); ready.set(0);
        Thread[] ts = new Thread[2];
        for (int me = 0; me < 2; me++) {
            int who = me;
            // Start line: both threads spin until both are here, so that they run at the same time.
            ts[me] = new Thread(() -> { ready.incrementAndGet(); while (ready.get() < 2) {} side(who, seqCst); });
            ts[me].start();
        }
        for (Thread t : ts) t.join();
        System.out.printf("%s both inside in %d of %d entries%n", label, both.get(), 2 * ENTRIES);
    }

    public static void main(String[] args) throws InterruptedException {
        play("release/acquire:", false);
        play("volatile:       ", true);
    }
}
