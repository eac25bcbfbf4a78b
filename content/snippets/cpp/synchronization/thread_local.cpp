// Per-thread state with thread_local: each thread has its own copy of these variables, created when the
// thread first uses them and destroyed when it exits, so they need no lock. Without thread_local they
// would be one variable shared by every thread.
#include <atomic>
#include <cstdio>
#include <stdexcept>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

constexpr int kThreads = 3;

thread_local int calls = 0;
thread_local std::unordered_map<int, int> cache;
std::string reports[kThreads];  // each written by one thread, read after join()
std::atomic<int> total{0};

int handle(int request) {
    calls++;  // this thread's counter: no other thread can see it
    int key = request % 100;
    auto [it, added] = cache.try_emplace(key, 0);
    if (added) it->second = key * key;  // stands for something expensive to compute
    return it->second;
}

void serve(int me, int my_calls) {
    for (int i = 0; i < my_calls; i++) handle(i);
    if (calls != my_calls) throw std::logic_error("a thread saw another thread's calls");
    reports[me] = "T" + std::to_string(me + 1) + ": calls = " + std::to_string(calls) + " (its own), cache holds " +
                  std::to_string(cache.size()) + " entries";
    total += calls;
}

int main() {
    std::vector<std::thread> threads;
    for (int i = 0; i < kThreads; i++) threads.emplace_back(serve, i, 1'000 * (i + 1));
    for (std::thread &t : threads) t.join();
    for (const std::string &r : reports) std::puts(r.c_str());
    std::printf("main's own calls = %d; the threads' counts add up to %d\n", calls, total.load());
}
