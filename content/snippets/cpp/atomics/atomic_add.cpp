// The racy counter with one change: each increment is fetch_add on a std::atomic<int>, one indivisible
// read-modify-write (lock xadd on x86). No update can be lost, and there is no lock to wait for.
#include <atomic>
#include <cstdio>
#include <thread>
#include <vector>

constexpr int kThreads = 2, kN = 1'000'000;

std::atomic<int> total{0};

int main() {
    std::vector<std::thread> workers;
    for (int t = 0; t < kThreads; t++) {
        workers.emplace_back([] {
            for (int i = 0; i < kN; i++) {
                // Returns the value before the add. Relaxed ordering is enough for a count that is only
                // read after join(), which orders everything; the default is sequentially consistent.
                total.fetch_add(1, std::memory_order_relaxed);
            }
        });
    }
    for (std::thread &w : workers) w.join();
    std::printf("expected %d, got %d\n", kThreads * kN, total.load());
}
