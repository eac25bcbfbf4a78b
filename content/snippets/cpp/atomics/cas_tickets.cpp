// A compare-and-swap loop: "take one ticket if any are left" as one atomic step. There is no atomic
// "subtract unless that goes below zero", so: read the pool, decide, and write left - 1 with a CAS,
// which stores only if the pool still holds `left`. On failure compare_exchange_weak loads what it found
// into `left`, so the loop decides again on the current value. The weak form may also fail spuriously
// (on ARM's load-exclusive/store-exclusive), which a retry loop handles for free.
#include <atomic>
#include <cstdio>
#include <thread>
#include <vector>

constexpr int kThreads = 2, kTickets = 1'000'000;

std::atomic<int> pool{kTickets};
std::atomic<int> sold{0};

bool take_ticket() {
    int left = pool.load();
    do {
        if (left <= 0) return false;  // sold out, decided on a value we read, nothing written
    } while (!pool.compare_exchange_weak(left, left - 1));
    return true;
}

int main() {
    std::vector<std::thread> sellers;
    for (int t = 0; t < kThreads; t++) {
        sellers.emplace_back([] {
            int mine = 0;
            while (take_ticket()) mine++;
            sold += mine;  // once at the end: an add per sale would be contention of its own
        });
    }
    for (std::thread &s : sellers) s.join();
    if (pool.load() != 0) return 1;
    std::printf("%d of %d tickets sold, pool at %d\n", sold.load(), kTickets, pool.load());
}
