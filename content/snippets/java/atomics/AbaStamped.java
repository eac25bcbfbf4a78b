// The ABA problem on a lock-free stack, forced to happen on every run, and Java's fix for it.
// T1 reads head = A and A.next = B, then is paused before its CAS (two latches stand in for the scheduler).
// T2 pops A, pops B and keeps it, and pushes A back: the head is A again, so T1's stale CAS succeeds and
// makes B, which T2 owns, the top. An AtomicStampedReference pairs the head with a stamp; when every
// successful CAS increments it, T1's CAS expects an old stamp and fails, and its retry pops correctly.
// (A garbage collector prevents ABA by memory reuse, not ABA by pushing the same node back, as here.)
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicStampedReference;

public class AbaStamped {
    static final class Node {
        final String name;
        Node next;
        Node(String name) { this.name = name; }
    }

    final AtomicStampedReference<Node> head = new AtomicStampedReference<>(null, 0);
    final int step; // 0: the stamp never changes, as with a plain AtomicReference; 1: a version count

    AbaStamped(int step) { this.step = step; }

    Node pop() {
        int[] stamp = new int[1];
        for (;;) {
            Node h = head.get(stamp); // the reference and its stamp, read together
            if (h == null) return null;
            if (head.compareAndSet(h, h.next, stamp[0], stamp[0] + step)) return h;
        }
    }

    void push(Node x) {
        int[] stamp = new int[1];
        do x.next = head.get(stamp); while (!head.compareAndSet(x.next, x, stamp[0], stamp[0] + step));
    }

    String contents() {
        StringBuilder out = new StringBuilder();
        for (Node x = head.getReference(); x != null; x = x.next) out.append(out.length() > 0 ? ", " : "").append(x.name);
        return "[" + out + "]";
    }

    String scenario() throws InterruptedException {
        for (String name : new String[] {"C", "B", "A"}) push(new Node(name));
        CountDownLatch paused = new CountDownLatch(1), resume = new CountDownLatch(1);
        Node[] held = new Node[1];
        Thread t1 = new Thread(() -> {
            int[] stamp = new int[1];
            Node h = head.get(stamp), n = h.next;
            System.out.printf("T1: reads head = %s (stamp %d), next = %s; paused before its CAS%n", h.name, stamp[0], n.name);
            paused.countDown();
            awaitQuietly(resume); // T2 runs now
            if (head.compareAndSet(h, n, stamp[0], stamp[0] + step)) System.out.printf("T1: CAS(head: %s -> %s) succeeded: the head was %s again%n", h.name, n.name, h.name);
            else System.out.printf("T1: CAS failed: stamp is %d, not %d; its retry pops %s%n", head.getStamp(), stamp[0], pop().name);
        });
        Thread t2 = new Thread(() -> {
            awaitQuietly(paused);
            Node first = pop();
            held[0] = pop(); // T2 keeps B, say to reuse it
            push(first);
            System.out.printf("T2: pops %s, pops %s (keeps it), pushes %s back: stack %s (stamp %d)%n", first.name, held[0].name, first.name, contents(), head.getStamp());
            resume.countDown();
        });
        t1.start();
        t2.start();
        t1.join();
        t2.join();
        String after = contents();
        return after.contains(held[0].name) ? "the stack is now " + after + ", but T2 holds " + held[0].name + ": corrupted" : "the stack is now " + after + ": correct";
    }

    static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            throw new RuntimeException(e);
        }
    }

    public static void main(String[] args) throws InterruptedException {
        System.out.println("--- run 1: the stamp never changes");
        System.out.println("plain: " + new AbaStamped(0).scenario());
        System.out.println("--- run 2: every successful CAS increments the stamp");
        System.out.println("stamped: " + new AbaStamped(1).scenario());
    }
}
