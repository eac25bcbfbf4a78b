// A search group with std::jthread (C++20): when the first answer is in, main leaves the scope that
// holds the threads, and leaving it cancels and joins every one of them.
//
// Each jthread owns a std::stop_source and passes its std::stop_token to the function. Stopping is
// cooperative: a thread looks at the token. The wait for the next page is a condition_variable_any
// wait that takes the token, so a stop request wakes it at once: a cancellation point. A jthread's
// destructor calls request_stop() and then join(), so the end of the scope is the end of the group.
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <mutex>
#include <stop_token>
#include <thread>
#include <vector>

using namespace std::chrono_literals;

std::atomic<int> cancelled{0}, cleanups{0};
std::atomic<bool> answered{false};

struct Connection {  // the cleanup, done by the destructor however the thread leaves (RAII)
    ~Connection() { cleanups.fetch_add(1); }
};

void searcher(std::stop_token stop, int steps, bool finds) {
    Connection conn;
    std::mutex m;
    std::condition_variable_any cv;
    for (int i = 0; i < steps; i++) {
        std::unique_lock lock(m);
        // Waits 10 ms for the next page; returns early if a stop is requested.
        cv.wait_for(lock, stop, 10ms, [] { return false; });
        if (stop.stop_requested()) {
            cancelled.fetch_add(1);
            return;
        }
    }
    if (finds) {
        answered.store(true);
        answered.notify_all();  // first answer: wake main
    }
}

int main() {
    {
        std::vector<std::jthread> group;
        for (int i = 0; i < 4; i++) group.emplace_back(searcher, i == 3 ? 3 : 40, i == 3);
        answered.wait(false);  // until the first answer (C++20 atomic wait)
    }  // the group's scope ends: each jthread is asked to stop, then joined, in its destructor
    std::printf("cancelled: %d of 3; cleanup ran in %d of 4\n", cancelled.load(), cleanups.load());
}
