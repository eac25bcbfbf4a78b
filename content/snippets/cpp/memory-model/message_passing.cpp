// Message passing, the litmus test behind every "write the data, then raise a flag" handoff:
//
//     writer: data = k; flag = k          (k = 1, 2, 3, ...)
//     reader: f = flag; d = data          (over and over)
//
// The writer writes data first, so data >= flag at every moment, and a reader that reads flag first
// should never find d < f. With memory_order_release on the flag store and memory_order_acquire on
// the flag load it never can: a load-acquire that reads a store-release synchronizes with it, so the
// store to data happens before the load of data ([intro.races], [atomics.order]). With
// memory_order_relaxed the standard allows d < f: relaxed atomics order nothing across two locations.
// Whether it shows depends on the machine: x86 keeps stores in order and loads in order (x86-TSO),
// so there it shows only if the compiler reorders the accesses, which compilers rarely do; ARM and
// POWER reorder both pairs in hardware. So the relaxed count is often 0 on x86, and may not be elsewhere.
#include <atomic>
#include <cstdio>
#include <thread>

constexpr int kMessages = 1'000'000;

// data and flag on separate cache lines, so a processor that may reorder them has the chance to.
alignas(64) std::atomic<int> data{0};
alignas(64) std::atomic<int> flag{0};
alignas(64) std::atomic<int> ready{0};

template <std::memory_order Store>
void writer() {
    unsigned seed = 0x9e3779b9u;
    for (int k = 1; k <= kMessages; k++) {
        data.store(k, std::memory_order_relaxed); // the message...
        flag.store(k, Store);                     // ...then the flag that says it is there
        // A random pause of 0-127 steps between messages, so the reader catches many of them as they
        // change (the signal fence only stops the compiler from deleting the empty loop).
        seed ^= seed << 13, seed ^= seed >> 17, seed ^= seed << 5;
        for (unsigned d = seed & 127; d > 0; d--) std::atomic_signal_fence(std::memory_order_seq_cst);
    }
}

template <std::memory_order Load>
void reader(long &reads, long &fresh, long &stale) {
    int last = 0;
    for (int f = 0; f < kMessages; reads++) {
        f = flag.load(Load);
        int d = data.load(std::memory_order_relaxed);
        if (d < f) stale++; // the flag said k, the data was older than k
        if (f != last) fresh++;
        last = f;
    }
}

template <std::memory_order Store, std::memory_order Load>
void play(const char *label) {
    data = 0, flag = 0, ready = 0;
    long reads = 0, fresh = 0, stale = 0;
    // Start line: both threads spin until both are here, so that they run at the same time.
    std::thread w([] { ready++; while (ready.load() < 2) {} writer<Store>(); });
    ready++;
    while (ready.load() < 2) {}
    reader<Load>(reads, fresh, stale);
    w.join();
    std::printf("%s flag before data in %ld of %ld reads (%ld saw a new flag)\n", label, stale, reads, fresh);
}

int main() {
    play<std::memory_order_relaxed, std::memory_order_relaxed>("relaxed:        ");
    play<std::memory_order_release, std::memory_order_acquire>("release/acquire:");
}
