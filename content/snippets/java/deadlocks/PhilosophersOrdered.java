// Dining philosophers, fixed by ordering the forks: everyone picks up the lower-numbered of their two
// forks first, so the last philosopher reaches for fork 0 and the circular wait cannot close.

import java.util.concurrent.locks.ReentrantLock;

public class PhilosophersOrdered {
    static final int PHILOSOPHERS = 5;
    static final int MEALS = 20_000; // each

    public static void main(String[] args) throws InterruptedException {
        ReentrantLock[] forks = new ReentrantLock[PHILOSOPHERS];
        for (int f = 0; f < PHILOSOPHERS; f++) forks[f] = new ReentrantLock();
        long[] eaten = new long[PHILOSOPHERS]; // one slot each; join() makes them visible to main

        Thread[] philosophers = new Thread[PHILOSOPHERS];
        for (int p = 0; p < PHILOSOPHERS; p++) {
            final int i = p;
            int left = i, right = (i + 1) % PHILOSOPHERS;
            // The global order: lower-numbered fork first. For P0..P3 that is the left fork; P4, whose
            // forks are 4 and 0, now competes with P0 for fork 0 while holding nothing.
            ReentrantLock first = forks[Math.min(left, right)], second = forks[Math.max(left, right)];
            philosophers[i] = new Thread(() -> {
                for (int m = 0; m < MEALS; m++) {
                    first.lock();
                    try {
                        second.lock();
                        try {
                            eaten[i]++; // eating, with both forks
                        } finally {
                            second.unlock();
                        }
                    } finally {
                        first.unlock();
                    }
                }
            });
            philosophers[i].start();
        }
        long total = 0;
        for (int i = 0; i < PHILOSOPHERS; i++) {
            philosophers[i].join();
            total += eaten[i];
        }
        System.out.printf("%d philosophers ate %d meals (expected %d)%n", PHILOSOPHERS, total, (long) PHILOSOPHERS * MEALS);
    }
}
