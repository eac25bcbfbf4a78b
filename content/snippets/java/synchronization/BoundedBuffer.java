// Producer-consumer on an 8-slot ring buffer built from one ReentrantLock and two Conditions made from it.
// Producers await notFull while the buffer is full; consumers await notEmpty while it is empty and a
// producer is still running. Every await sits in a while loop: waking up only means "look again".
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

public class BoundedBuffer {
    static final int PRODUCERS = 2, CONSUMERS = 2, ITEMS = 5_000, CAPACITY = 8;
    static final ReentrantLock lock = new ReentrantLock();
    static final Condition notFull = lock.newCondition(), notEmpty = lock.newCondition();
    static final int[] slots = new int[CAPACITY];
    static int head, tail, count, producersDone; // guarded by lock
    static final AtomicIntegerArray seen = new AtomicIntegerArray(PRODUCERS * ITEMS);

    static void produce(int first) {
        for (int item = first; item < first + ITEMS; item++) {
            lock.lock();
            try {
                while (count == CAPACITY) notFull.awaitUninterruptibly(); // releases the lock while asleep
                slots[tail] = item;
                tail = (tail + 1) % CAPACITY;
                count++;
                notEmpty.signal();
            } finally {
                lock.unlock();
            }
        }
        lock.lock();
        try {
            producersDone++;
            notEmpty.signalAll(); // every consumer must see that no more items may come
        } finally {
            lock.unlock();
        }
    }

    static void consume() {
        for (;;) {
            int item;
            lock.lock();
            try {
                while (count == 0 && producersDone < PRODUCERS) notEmpty.awaitUninterruptibly();
                if (count == 0) return; // empty, and every producer has finished
                item = slots[head];
                head = (head + 1) % CAPACITY;
                count--;
                notFull.signal();
            } finally {
                lock.unlock();
            }
            if (seen.getAndSet(item, 1) != 0) throw new IllegalStateException("item " + item + " consumed twice");
        }
    }

    public static void main(String[] args) throws InterruptedException {
        Thread[] threads = new Thread[PRODUCERS + CONSUMERS];
        for (int p = 0; p < PRODUCERS; p++) {
            int first = p * ITEMS;
            threads[p] = new Thread(() -> produce(first));
        }
        for (int c = 0; c < CONSUMERS; c++) threads[PRODUCERS + c] = new Thread(BoundedBuffer::consume);
        for (Thread t : threads) t.start();
        for (Thread t : threads) t.join();
        int consumed = 0;
        for (int i = 0; i < seen.length(); i++) consumed += seen.get(i);
        System.out.printf("%d of %d items consumed, %d missing%n", consumed, PRODUCERS * ITEMS, PRODUCERS * ITEMS - consumed);
    }
}
