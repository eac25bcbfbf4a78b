// The same counter as a std::atomic<int> with fetch_add: one indivisible read-modify-write in hardware
// (`lock xadd` on x86), so no update is lost and no lock is taken.
#include <atomic>
#include <cstdio>
#include <thread>
#include <vector>

constexpr int kThreads = 2;
constexpr int kAddsPerThread = 50'000'000;

std::atomic<int> counter{0};

// Spin, do not block, until every worker is running: a blocked thread takes a while to wake up, and a
// short race can be over before the second thread gets going.
std::atomic<int> running{0};
void start_line() {
    running.fetch_add(1);
    while (running.load() < kThreads) {
    }
}

int main() {
    std::vector<std::thread> workers;
    for (int t = 0; t < kThreads; t++) {
        workers.emplace_back([] {
            start_line();  // both threads start counting together, each on its own core
            for (int i = 0; i < kAddsPerThread; i++) {
                // Relaxed is enough for a counter nobody reads until join(), which orders everything.
                counter.fetch_add(1, std::memory_order_relaxed);
            }
        });
    }
    for (std::thread &w : workers) w.join();

    const long expected = long{kThreads} * kAddsPerThread;
    const long got = counter.load();
    std::printf("expected %ld, got %ld (lost %ld)\n", expected, got, expected - got);
}
