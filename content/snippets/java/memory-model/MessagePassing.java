// Message passing in Java: a writer stores data, then a flag; a reader loads the flag, then the data.
//
//     writer: data = k; flag = k          (k = 1, 2, 3, ...)
//     reader: f = flag; d = data          (over and over)
//
// The writer writes data first, so data >= flag at every moment, and a reader that reads flag first
// should never find d < f. With flag declared volatile it never can: a write to a volatile field
// happens-before every later read of it (JLS 17.4.5), and program order carries the write of data
// before it and the read of data after it. With a plain flag the Java memory model allows d < f, and
// allows more: the JIT may read a plain field once and keep the value in a register, so a loop
// waiting for it can go on forever. The reader here gives up after a time limit and says so.
public class MessagePassing {
    static final int MESSAGES = 1_000_000;
    static final long LIMIT_NANOS = 3_000_000_000L;

    static class Plain {
        int data;
        int flag;
    }

    static class Volatile {
        int data;
        volatile int flag;
    }

    static final Plain plain = new Plain();
    static final Volatile vol = new Volatile();

    // A random pause of 0-127 steps between messages, so the reader catches many of them as they change.
    static int seed = 0x9e3779b9;
    static int pause() {
        seed ^= seed << 13; seed ^= seed >>> 17; seed ^= seed << 5;
        int sink = 0;
        for (int d = seed & 127; d > 0; d--) sink += d;
        return sink;
    }

    static void plainWriter() {
        int sink = 0;
        for (int k = 1; k <= MESSAGES; k++) {
            plain.data = k; // the message...
            plain.flag = k; // ...then the flag that says it is there
            sink += pause();
        }
        if (sink == 42) System.out.print("");
    }

    static void volatileWriter() {
        int sink = 0;
        for (int k = 1; k <= MESSAGES; k++) {
            vol.data = k;
            vol.flag = k; // a volatile write: everything before it is visible to whoever reads k here
            sink += pause();
        }
        if (sink == 42) System.out.print("");
    }

    // Each reader returns {reads, new flag values seen, reads with d < f, last flag seen}.
    static long[] plainReader() {
        long reads = 0, fresh = 0, stale = 0;
        int last = 0, f = 0;
        long deadline = System.nanoTime() + LIMIT_NANOS;
        while (f < MESSAGES) {
            f = plain.flag;
            int d = plain.data;
            if (d < f) stale++;
            if (f != last) fresh++;
            last = f;
            if (++reads % 1_000_000 == 0 && System.nanoTime() > deadline) break;
        }
        return new long[] {reads, fresh, stale, f};
    }

    static long[] volatileReader() {
        long reads = 0, fresh = 0, stale = 0;
        int last = 0, f = 0;
        long deadline = System.nanoTime() + LIMIT_NANOS;
        while (f < MESSAGES) {
            f = vol.flag; // a volatile read: reads after it see what the writer wrote before flag
            int d = vol.data;
            if (d < f) stale++;
            if (f != last) fresh++;
            last = f;
            if (++reads % 1_000_000 == 0 && System.nanoTime() > deadline) break;
        }
        return new long[] {reads, fresh, stale, f};
    }

    static void report(String label, long[] r) {
        String end = r[3] == MESSAGES ? "" : " (gave up after 3 s: the last flag it saw was " + r[3] + " of " + MESSAGES + ")";
        System.out.printf("%s flag before data in %d of %d reads (%d saw a new flag)%s%n", label, r[2], r[0], r[1], end);
    }

    public static void main(String[] args) throws InterruptedException {
        Thread w = new Thread(MessagePassing::plainWriter);
        w.start();
        long[] p = plainReader();
        w.join();
        report("plain:   ", p);
        Thread v = new Thread(MessagePassing::volatileWriter);
        v.start();
        long[] q = volatileReader();
        v.join();
        report("volatile:", q);
    }
}
