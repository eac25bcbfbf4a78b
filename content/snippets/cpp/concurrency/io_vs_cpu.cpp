// Four tasks that wait, and four tasks that compute, each run one after another and then on four
// threads. Waiting (sleep_for stands in for a network or disk request) needs no CPU, so four waiting
// threads overlap completely: about four times faster on any machine. Computing needs a core per
// thread, so the speedup of the computing tasks stops at the number of free cores.
#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <functional>
#include <thread>
#include <vector>

constexpr int kTasks = 4;
std::atomic<std::uint32_t> sink{0};  // keeps the computed values, so the loops cannot be dropped

void wait_task() {
    for (int i = 0; i < 4; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(50));
}

void compute_task() {
    std::uint32_t x = 2463534242u;
    for (int i = 0; i < 100'000'000; ++i) {  // xorshift: each step depends on the one before
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
    }
    sink += x;
}

double timed(const std::function<void()>& task, bool threaded) {
    const auto t0 = std::chrono::steady_clock::now();
    if (threaded) {
        std::vector<std::thread> threads;
        for (int i = 0; i < kTasks; ++i) threads.emplace_back(task);
        for (auto& t : threads) t.join();
    } else {
        for (int i = 0; i < kTasks; ++i) task();
    }
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

int main() {
    const struct {
        const char* label;
        void (*task)();
    } kinds[] = {{"I/O-bound", wait_task}, {"CPU-bound", compute_task}};
    for (const auto& k : kinds) {
        const double seq = timed(k.task, false);
        const double par = timed(k.task, true);
        std::printf("%s: %d tasks, one after another %.2f s, %d threads %.2f s, speedup %.2fx\n", k.label, kTasks, seq,
                    kTasks, par, seq / par);
    }
}
