// False sharing: two threads, each adding to its own counter, are slowed down when the two counters
// share a cache line. Nothing is shared logically; the line is. The same program runs twice, once
// with both counters in one 64-byte line and once with each counter on a line of its own, and prints
// the median of several rounds of each and their ratio.
//
// std::hardware_destructive_interference_size (C++17, <new>) is the compiler's idea of the smallest
// distance that keeps two objects off one line: 64 with GCC on x86-64. alignas() of it gives each
// counter a line to itself. (GCC warns if you use it in a header: its value may differ between
// compiler flags, and so between translation units.)
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdio>
#include <new>
#include <thread>
#include <vector>

constexpr std::size_t kLine = std::hardware_destructive_interference_size;

// Two counters side by side: 4 bytes apart, so in one line (the struct is aligned to a line).
struct alignas(kLine) SameLine {
  std::atomic<int> a{0};
  std::atomic<int> b{0};
};

// Each counter aligned to its own line, and a spare line between them: 128 bytes apart, because
// Intel's adjacent-line prefetcher fetches lines in pairs and Apple's M-series lines are 128 bytes.
struct Padded {
  alignas(kLine) std::atomic<int> a{0};
  alignas(kLine) std::atomic<int> spare{0};
  alignas(kLine) std::atomic<int> b{0};
};

// Both threads add 1 to their own counter n times; returns the wall time in milliseconds.
// fetch_add is a locked read-modify-write (lock xadd on x86): the core must hold the line exclusively.
template <class Counters>
double race(Counters& c, long n) {
  std::atomic<int> ready{0};
  auto work = [&](std::atomic<int>& mine) {
    ready.fetch_add(1);
    while (ready.load() < 2) {}  // spinning start line: both threads run at once
    for (long i = 0; i < n; i++) mine.fetch_add(1, std::memory_order_relaxed);
  };
  auto t0 = std::chrono::steady_clock::now();
  std::thread t1(work, std::ref(c.a)), t2(work, std::ref(c.b));
  t1.join();
  t2.join();
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

int main() {
  const long n = 20'000'000;
  const int rounds = 5;
  std::vector<double> same, padded;
  static_assert(offsetof(Padded, b) - offsetof(Padded, a) == 2 * kLine);
  for (int r = 0; r < rounds; r++) {  // alternate, so that noise from other programs hits both alike
    SameLine s;
    Padded p;
    same.push_back(race(s, n));
    padded.push_back(race(p, n));
    if (s.a + s.b != 2 * n || p.a + p.b != 2 * n) return 1;  // never: the counters are atomic
  }
  double ms = median(same), mp = median(padded);
  std::printf("line size (hardware_destructive_interference_size): %zu bytes\n", kLine);
  std::printf("same cache line: %.0f ms\n", ms);
  std::printf("padded apart: %.0f ms\n", mp);
  std::printf("ratio same / padded: %.2f\n", ms / mp);
}
