// An approximate ("sloppy") counter against one locked counter (OSTEP ch. 29). Each thread counts in
// a slot of its own, on its own cache line, and folds S counts into the global count under the global
// lock; the global count trails the true count by what sits in the slots, at most threads x (S - 1).
// A second, untimed run samples that lag while the threads count. The slots are atomics so that main may read them:
// a relaxed store costs the counting thread no more than a plain one on x86 and Arm.
#include <atomic>
#include <chrono>
#include <cstdio>
#include <mutex>
#include <thread>
#include <vector>

constexpr int kThreads = 4;
constexpr long kN = 1'000'000;
constexpr long kS = 1024;

struct alignas(64) Slot {  // one cache line each: no two threads write the same line
    std::atomic<long> count{0};
};

struct Approximate {
    std::mutex lock;
    long global = 0;  // read and written only under `lock`
    Slot slots[kThreads];

    void count(int me, long n) {
        long local = 0;
        for (long i = 0; i < n; i++) {
            if (++local >= kS) {  // fold: the only moment this thread touches contended memory
                std::lock_guard<std::mutex> g(lock);
                global += local;
                local = 0;
            }
            slots[me].count.store(local, std::memory_order_relaxed);
        }
        std::lock_guard<std::mutex> g(lock);  // done: fold the rest, so the count ends exact
        global += local;
        slots[me].count.store(0, std::memory_order_relaxed);
    }
};

template <typename F>
double millis(F f) {
    auto t0 = std::chrono::steady_clock::now();
    f();
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
}

int main() {
    std::mutex lock;
    long precise = 0;
    double lockMs = millis([&] {
        std::vector<std::thread> ts;
        for (int t = 0; t < kThreads; t++)
            ts.emplace_back([&] {
                for (long i = 0; i < kN; i++) {
                    std::lock_guard<std::mutex> g(lock);
                    precise++;
                }
            });
        for (auto &t : ts) t.join();
    });

    // Timed: the threads alone. Then again, untimed, while main samples the lag.
    Approximate c;
    double approxMs = millis([&] {
        std::vector<std::thread> ts;
        for (int t = 0; t < kThreads; t++) ts.emplace_back([&, t] { c.count(t, kN); });
        for (auto &t : ts) t.join();
    });
    Approximate sampled;
    std::atomic<int> running{kThreads};
    long lag = 0;
    std::vector<std::thread> ts;
    for (int t = 0; t < kThreads; t++)
        ts.emplace_back([&, t] {
            sampled.count(t, kN);
            running.fetch_sub(1);
        });
    while (running.load() > 0) {  // the lag now: counted by the threads, not yet in the global count
        long s = 0;
        for (auto &slot : sampled.slots) s += slot.count.load(std::memory_order_relaxed);
        if (s > lag) lag = s;
    }
    for (auto &t : ts) t.join();
    std::printf("%d threads x %ld, S = %ld: one lock %ld in %.0f ms, approximate %ld in %.0f ms; largest lag seen %ld of at most %ld\n",
                kThreads, kN, kS, precise, lockMs, c.global, approxMs, lag, kThreads * (kS - 1));
}
