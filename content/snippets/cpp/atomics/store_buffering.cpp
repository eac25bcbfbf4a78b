// Store buffering, the classic litmus test: x and y start at 0, then in each round
//
//     T1: x = 1; r1 = y        T2: y = 1; r2 = x
//
// Can both threads read 0? Not under sequential consistency: whichever store comes first in the one
// global order, the other thread's load comes after it. With memory_order_relaxed it can: relaxed
// atomics order nothing across two locations, and on x86 a relaxed store is a plain mov that waits
// in the store buffer while the load that follows already reads memory. With memory_order_seq_cst
// (the default) the compiler emits a store that drains the buffer first (xchg on x86), and both
// reading 0 is impossible. (Not plain ints: a data race on a non-atomic int is undefined behaviour.)
#include <atomic>
#include <cstdio>
#include <thread>

constexpr int kRounds = 1'000'000;

// x and y on separate cache lines, like the two flags of two different threads.
alignas(64) std::atomic<int> x{0};
alignas(64) std::atomic<int> y{0};
alignas(64) std::atomic<int> arrived{0}, finished{0};
alignas(64) int r1, r2;

// Spin until `line` reaches `target`: spinning, not blocking, so both threads leave at once.
// On a busy machine, yield now and then so the other thread gets a core.
void wait_for(const std::atomic<int> &line, int target) {
    for (long spins = 1; line.load() < target; spins++)
        if (spins % 100'000 == 0) std::this_thread::yield();
}

template <std::memory_order Order>
void side(int me, int rounds, int &both_zero) {
    std::atomic<int> &mine = me == 0 ? x : y, &theirs = me == 0 ? y : x;
    unsigned seed = 0x9e3779b9u ^ (me + 1);
    for (int round = 1; round <= rounds; round++) {
        // Start line, per round: both threads arrive, then leave together.
        arrived.fetch_add(1);
        wait_for(arrived, 2 * round);
        // A random pause of 0-255 steps lines the two threads' accesses up in some rounds (the
        // signal fence only stops the compiler from deleting the empty loop).
        seed ^= seed << 13, seed ^= seed >> 17, seed ^= seed << 5;
        for (unsigned d = seed & 255; d > 0; d--) std::atomic_signal_fence(std::memory_order_seq_cst);
        mine.store(1, Order);
        int r = theirs.load(Order);
        (me == 0 ? r1 : r2) = r;
        // Finish line; then T1 alone counts and resets. T2 cannot start the next round before T1
        // arrives at the start line again, after the reset.
        finished.fetch_add(1);
        wait_for(finished, 2 * round);
        if (me == 0) {
            if (r1 == 0 && r2 == 0) both_zero++;
            x.store(0), y.store(0);
        }
    }
}

template <std::memory_order Order>
int play(int rounds) {
    arrived = 0, finished = 0;
    int both_zero = 0;
    std::thread t2(side<Order>, 1, rounds, std::ref(both_zero));
    side<Order>(0, rounds, both_zero); // this thread is T1
    t2.join();
    return both_zero;
}

int main() {
    std::printf("relaxed: both read 0 in %d of %d rounds\n", play<std::memory_order_relaxed>(kRounds), kRounds);
    std::printf("seq_cst: both read 0 in %d of %d rounds\n", play<std::memory_order_seq_cst>(kRounds), kRounds);
}
