// A mutex built from one atomic word, after Drepper's "Futexes Are Tricky": 0 free, 1 held, 2 held
// with sleepers possible. C++20's atomic wait/notify have the futex contract (wait(2) sleeps only while
// the word is still 2), and on Linux libstdc++ makes them futex calls on the word itself. Four threads
// on two cores share a counter through it: the total is exact.
#include <atomic>
#include <cstdio>
#include <latch>
#include <thread>
#include <vector>

class FutexMutex {
    std::atomic<int> word_{0};

    int cas(int expected, int desired) {  // returns the value it found, like the paper's cmpxchg
        word_.compare_exchange_strong(expected, desired);
        return expected;
    }

public:
    void lock() {
        int c = cas(0, 1);
        if (c == 0) return;  // uncontended: one atomic instruction, no system call
        do {
            // Announce a sleeper (1 -> 2), then sleep, but only if the word is still 2 when the kernel
            // looks: a release in between changes it, and the wait returns at once. No lost wake-up.
            if (c == 2 || cas(1, 2) != 0) word_.wait(2);
            // Woken, or the lock looked free: take it as 2, since other sleepers may remain.
        } while ((c = cas(0, 2)) != 0);
    }

    void unlock() {
        if (word_.exchange(0) == 2) word_.notify_one();  // wake someone only if someone may sleep
    }
};

constexpr int kThreads = 4;
constexpr int kAddsPerThread = 1'000'000;

FutexMutex mutex;
long counter = 0;  // guarded by mutex
std::latch start_line{kThreads};  // all threads start together, so the lock is contended

int main() {
    std::vector<std::thread> workers;
    for (int t = 0; t < kThreads; t++) {
        workers.emplace_back([] {
            start_line.arrive_and_wait();
            for (int i = 0; i < kAddsPerThread; i++) {
                mutex.lock();
                counter += 1;
                mutex.unlock();
            }
        });
    }
    for (std::thread &w : workers) w.join();
    const long expected = long{kThreads} * kAddsPerThread;
    std::printf("expected %ld, got %ld (lost %ld)\n", expected, counter, expected - counter);
}
