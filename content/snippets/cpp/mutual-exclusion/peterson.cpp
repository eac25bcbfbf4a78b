// Peterson's algorithm for two threads, with three memory orderings for its flag and turn accesses.
//
//     flag[me] = 1; turn = other;                    I want in, but you first
//     while (flag[other] == 1 && turn == other) {}   wait while you want in and it is your turn
//     ... critical section ...
//     flag[me] = 0;
//
// Its proof needs the store to flag[me] to be visible to the other thread before this thread reads
// flag[other]: a store followed by a load of another location, the one reordering x86 allows
// (store buffering). memory_order_relaxed does not prevent it, and neither does release/acquire: a
// release store and a later acquire load may still be reordered with each other. Only seq_cst puts
// all four accesses in one total order, and on x86 the compiler then makes the stores drain the
// store buffer (xchg). So relaxed and release/acquire let both threads in now and then; seq_cst never.
#include <atomic>
#include <chrono>
#include <cstdio>
#include <thread>

constexpr int kEntries = 200'000;

alignas(64) std::atomic<int> flag[2];
alignas(64) std::atomic<int> turn{0};
alignas(64) std::atomic<int> inside{0};
alignas(64) std::atomic<long> both{0};
alignas(64) std::atomic<int> ready{0};

template <std::memory_order Store, std::memory_order Load>
void side(int me) {
    int other = 1 - me;
    unsigned seed = 0x9e3779b9u ^ (me + 1);
    for (int i = 0; i < kEntries; i++) {
        flag[me].store(1, Store);
        turn.store(other, Store);
        // (After many spins, sleep briefly: on a busy machine the other thread may need this core.)
        for (long spins = 1; flag[other].load(Load) == 1 && turn.load(Load) == other; spins++)
            if (spins % 10'000 == 0) std::this_thread::sleep_for(std::chrono::microseconds(50));
        // The critical section: announce yourself and look for company on the way in and out.
        bool company = inside.fetch_add(1) != 0;
        if (company || inside.load() != 1) both++;
        inside.fetch_sub(1);
        flag[me].store(0, Store);
        // Outside: a random pause of 0-63 steps, so that the threads sometimes arrive at a free lock
        // at the same moment (the signal fence only keeps the compiler from deleting the loop).
        seed ^= seed << 13, seed ^= seed >> 17, seed ^= seed << 5;
        for (unsigned d = seed & 63; d > 0; d--) std::atomic_signal_fence(std::memory_order_seq_cst);
    }
}

template <std::memory_order Store, std::memory_order Load>
void play(const char *label) {
    flag[0] = 0, flag[1] = 0, turn = 0, inside = 0, both = 0, ready = 0;
    // Start line: both threads spin until both are here, so that they run at the same time.
    auto run = [](int me) { ready++; while (ready.load() < 2) {} side<Store, Load>(me); };
    std::thread t2(run, 1);
    run(0);
    t2.join();
    std::printf("%s both inside in %ld of %d entries\n", label, both.load(), 2 * kEntries);
}

int main() {
    play<std::memory_order_relaxed, std::memory_order_relaxed>("relaxed:        ");
    play<std::memory_order_release, std::memory_order_acquire>("release/acquire:");
    play<std::memory_order_seq_cst, std::memory_order_seq_cst>("seq_cst:        ");
}
