// The same counter with a std::mutex. std::lock_guard locks it in its constructor and unlocks it in its
// destructor (RAII), so the mutex is released on every way out of the block, exceptions included.
#include <atomic>
#include <cstdio>
#include <mutex>
#include <thread>
#include <vector>

constexpr int kThreads = 2;
constexpr int kAddsPerThread = 50'000'000;

std::mutex counter_mutex;
long counter = 0;  // guarded by counter_mutex: a plain variable is fine once every access holds the lock

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
                std::lock_guard<std::mutex> hold(counter_mutex);
                counter += 1;
            }  // `hold` is destroyed here, each iteration: the mutex is unlocked
        });
    }
    for (std::thread &w : workers) w.join();  // join() makes the workers' writes visible to main

    const long expected = long{kThreads} * kAddsPerThread;
    std::printf("expected %ld, got %ld (lost %ld)\n", expected, counter, expected - counter);
}
