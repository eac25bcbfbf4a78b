// Two threads move money between two accounts in opposite directions and never deadlock: every
// transfer locks the lower-numbered account first, whichever way the money goes.

import java.util.concurrent.locks.ReentrantLock;

public class LockOrdering {
    static final int TRANSFERS = 100_000; // per thread

    static final class Account {
        final int no; // fixes the account's place in the lock order
        final ReentrantLock lock = new ReentrantLock();
        long balance; // guarded by lock

        Account(int no, long balance) { this.no = no; this.balance = balance; }
    }

    static void transfer(Account from, Account to, long amount, long lingerMs) throws InterruptedException {
        // The global order: lower number first. Nobody holds a later lock while waiting for an earlier
        // one, so no cycle of waiting threads can form.
        Account first = from.no < to.no ? from : to;
        Account second = first == from ? to : from;
        first.lock.lock();
        try {
            if (lingerMs > 0) Thread.sleep(lingerMs); // the moment the opposite-order version deadlocks
            second.lock.lock();
            try {
                from.balance -= amount;
                to.balance += amount;
            } finally {
                second.lock.unlock();
            }
        } finally {
            first.lock.unlock();
        }
    }

    static Thread mover(Account from, Account to, long[] done, int slot) {
        return new Thread(() -> {
            try {
                for (int i = 0; i < TRANSFERS; i++) {
                    transfer(from, to, 1, i == 0 ? 10 : 0);
                    done[slot]++;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    public static void main(String[] args) throws InterruptedException {
        Account one = new Account(1, 1_000_000), two = new Account(2, 1_000_000);
        long[] done = new long[2]; // one slot per thread; join() makes them visible to main
        Thread t1 = mover(one, two, done, 0), t2 = mover(two, one, done, 1);
        t1.start();
        t2.start();
        t1.join();
        t2.join();
        System.out.printf("%d transfers; balances %d + %d = %d%n",
                done[0] + done[1], one.balance, two.balance, one.balance + two.balance);
    }
}
