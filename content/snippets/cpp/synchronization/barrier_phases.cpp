// A reusable std::barrier (C++20) cuts the work into phases: nobody starts phase p + 1 until all have
// finished p. Each thread writes the phase number into its own slot, waits, then reads every slot: all
// must already hold this phase. The second wait keeps a fast thread from writing the next phase while a
// slow one still reads. arrive_and_wait() orders every write before it before every read after it.
#include <atomic>
#include <barrier>
#include <chrono>
#include <cstdio>
#include <stdexcept>
#include <thread>
#include <vector>

constexpr int kThreads = 4, kPhases = 5;

std::barrier sync_point(kThreads);  // the same object serves every phase
int slots[kThreads];                // plain ints: the barrier orders the accesses
std::atomic<int> checks{0};

void phase_worker(int me) {
    for (int phase = 1; phase <= kPhases; phase++) {
        // Uneven work: each phase, a different thread arrives last.
        std::this_thread::sleep_for(std::chrono::milliseconds((me + phase) % kThreads * 4));
        slots[me] = phase;
        sync_point.arrive_and_wait();
        for (int other = 0; other < kThreads; other++) {
            if (slots[other] != phase) throw std::logic_error("a slot is stale after the barrier");
        }
        checks++;
        sync_point.arrive_and_wait();  // everyone has read this phase before anyone writes the next
        if (me == 0) std::printf("phase %d: all %d results seen by all %d threads\n", phase, kThreads, kThreads);
    }
}

int main() {
    std::vector<std::thread> threads;
    for (int i = 0; i < kThreads; i++) threads.emplace_back(phase_worker, i);
    for (std::thread &t : threads) t.join();
    std::printf("%d checks passed; one std::barrier served %d phases\n", checks.load(), 2 * kPhases);
}
