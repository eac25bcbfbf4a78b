// How long does one load from memory take? It depends on where the data is: in the core's L1 cache,
// in L2, in the shared L3, or only in main memory (RAM).
//
// The program builds one random cycle through an array (Sattolo's algorithm), one element per 64-byte
// cache line, and follows it: every load's address comes from the previous load, so the processor
// cannot start the next one early and prefetchers cannot guess it. The time per step is then the
// latency of one dependent load. Four array sizes: 16 KiB fits in L1, 256 KiB in L2, 8 MiB in a
// typical L3, and 256 MiB in none of them. The largest walk also misses the TLB (the cache of address
// translations), which adds to its time: that too is what a random access to RAM costs.
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <random>
#include <vector>

struct alignas(64) Node {  // one node per cache line
    Node* next;
};

double nanoseconds_per_load(std::size_t bytes, std::size_t steps) {
    const std::size_t n = bytes / sizeof(Node);
    std::vector<Node> nodes(n);
    std::vector<std::size_t> order(n);
    for (std::size_t i = 0; i < n; ++i) order[i] = i;
    // Sattolo's algorithm: a random permutation that is a single cycle through every node.
    std::mt19937_64 rng(42);
    for (std::size_t i = n - 1; i > 0; --i) {
        std::uniform_int_distribution<std::size_t> pick(0, i - 1);
        std::swap(order[i], order[pick(rng)]);
    }
    for (std::size_t i = 0; i < n; ++i) nodes[order[i]].next = &nodes[order[(i + 1) % n]];

    Node* p = &nodes[0];
    for (std::size_t i = 0; i < n; ++i) p = p->next;  // warm up: bring what fits into the caches
    const auto t0 = std::chrono::steady_clock::now();
    for (std::size_t i = 0; i < steps; ++i) p = p->next;
    const auto t1 = std::chrono::steady_clock::now();
    // Use p, so the compiler cannot drop the walk.
    if (p == nullptr) std::puts("unreachable");
    return std::chrono::duration<double, std::nano>(t1 - t0).count() / static_cast<double>(steps);
}

int main() {
    const std::size_t steps = 5'000'000;
    const struct {
        const char* label;
        std::size_t bytes;
    } sizes[] = {{"16 KiB", 16u << 10}, {"256 KiB", 256u << 10}, {"8 MiB", 8u << 20}, {"256 MiB", 256u << 20}};
    for (const auto& s : sizes) std::printf("%8s: %6.1f ns per load\n", s.label, nanoseconds_per_load(s.bytes, steps));
}
