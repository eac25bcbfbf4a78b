// Two threads add 1 to a shared counter fifty million times each, with no lock.
//
// A plain `int` incremented from two threads is a data race, which C++ calls undefined behaviour: the
// compiler may assume it never happens and, for example, add 50,000,000 once instead of looping. To show
// what the hardware does without invoking undefined behaviour, each step here is an atomic load followed
// by an atomic store. Each of the two is indivisible; the pair is not, so two threads that load the same
// value both store value + 1, and one update is lost.
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
                const int seen = counter.load(std::memory_order_relaxed);  // read
                counter.store(seen + 1, std::memory_order_relaxed);        // write: may overwrite a newer value
            }
        });
    }
    for (std::thread &w : workers) w.join();

    const long expected = long{kThreads} * kAddsPerThread;
    const long got = counter.load();
    std::printf("expected %ld, got %ld (lost %ld)\n", expected, got, expected - got);
}
