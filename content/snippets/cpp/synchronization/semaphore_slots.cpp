// A std::counting_semaphore (C++20) with 2 permits lets at most two of six threads into a section at once.
// Each thread visits twice and holds its place for 30 ms. A tally under its own mutex records how many
// are inside and the most there ever were: the instrument, kept exact by the mutex.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <mutex>
#include <semaphore>
#include <thread>
#include <vector>

constexpr int kWorkers = 6, kSlots = 2, kRounds = 2;

std::counting_semaphore<kSlots> slots{kSlots};
std::mutex tally;
int inside = 0, max_inside = 0, visits = 0;  // guarded by tally

void visitor() {
    for (int r = 0; r < kRounds; r++) {
        slots.acquire();  // take a permit, or sleep until someone releases one
        {
            std::lock_guard<std::mutex> hold(tally);
            inside++;
            max_inside = std::max(max_inside, inside);
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(30));  // the work that needs a slot
        {
            std::lock_guard<std::mutex> hold(tally);
            inside--;
            visits++;
        }
        slots.release();  // no RAII guard in the standard library: release on every path yourself
    }
}

int main() {
    std::vector<std::thread> threads;
    for (int i = 0; i < kWorkers; i++) threads.emplace_back(visitor);
    for (std::thread &t : threads) t.join();
    std::printf("%d visits by %d threads; at most %d inside at once (limit %d)\n", visits, kWorkers, max_inside, kSlots);
}
