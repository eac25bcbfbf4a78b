// A start signal and a stop flag. std::latch (C++20) is a one-shot event: count_down() opens it, wait()
// blocks until it is open, try_wait() reads it. For the stop flag, which threads only poll, an
// std::atomic<bool> is enough.
#include <atomic>
#include <chrono>
#include <cstdio>
#include <latch>
#include <stdexcept>
#include <thread>
#include <vector>

constexpr int kWorkers = 3;

std::latch go{1};
std::atomic<bool> stop{false};
std::atomic<long> chunks[kWorkers];
std::atomic<int> stopped{0};

void worker(int me) {
    go.wait();  // blocks until main opens the latch; returns at once if it already has
    volatile unsigned acc = 0;  // volatile: keeps the busy work from being optimised away
    while (!stop.load()) {
        for (int i = 0; i < 20'000; i++) acc = acc * 31 + i;  // one short chunk of work
        chunks[me]++;
    }
    stopped++;
}

int main() {
    using namespace std::chrono_literals;
    std::vector<std::thread> threads;
    for (int i = 0; i < kWorkers; i++) threads.emplace_back(worker, i);
    std::this_thread::sleep_for(50ms);  // set-up the workers must not overlap with
    for (auto &c : chunks) if (c.load() != 0) throw std::logic_error("a worker ran before go");
    std::puts("go");
    go.count_down();  // releases every waiting thread
    std::this_thread::sleep_for(200ms);
    std::puts("stop");
    stop.store(true);
    for (std::thread &t : threads) t.join();
    int worked = 0;
    for (auto &c : chunks) worked += c.load() > 0;
    std::printf("%d of %d workers stopped cleanly; %d of them did work after go\n", stopped.load(), kWorkers, worked);
}
