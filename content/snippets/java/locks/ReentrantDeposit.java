// A method that holds a ReentrantLock calls another that takes it again: the owner may re-acquire it
// (the lock counts the levels), while other threads are still kept out. `synchronized` blocks are
// re-entrant in the same way.

import java.util.concurrent.locks.ReentrantLock;

public class ReentrantDeposit {
    static final int TRANSFERS = 100_000; // per thread
    static final ReentrantLock lock = new ReentrantLock();
    static long balance = 0; // guarded by lock

    static void deposit(long amount) {
        lock.lock(); // already ours when called from transfer(): the hold count goes from 1 to 2
        try {
            balance += amount;
        } finally {
            lock.unlock(); // 2 -> 1: still held
        }
    }

    static void transfer(int n) {
        for (int i = 0; i < n; i++) {
            lock.lock(); // 0 -> 1: taken, or wait while the other thread holds it
            try {
                deposit(1);
            } finally {
                lock.unlock(); // 1 -> 0: free for the other thread
            }
        }
    }

    public static void main(String[] args) throws InterruptedException {
        Thread t1 = new Thread(() -> transfer(TRANSFERS)), t2 = new Thread(() -> transfer(TRANSFERS));
        t1.start();
        t2.start();
        t1.join();
        t2.join();
        System.out.printf("2 threads x %d nested acquisitions: balance %d (expected %d)%n",
                TRANSFERS, balance, 2L * TRANSFERS);
    }
}
