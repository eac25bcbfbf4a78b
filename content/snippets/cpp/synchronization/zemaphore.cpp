// A semaphore built from a mutex, a condition variable and an int: OSTEP's Zemaphore (chapter 31), with
// std::mutex and std::condition_variable. wait() sleeps while the value is 0 and only then decrements, so
// the value never goes below 0 (Dijkstra's definition lets it go negative, counting the sleepers). Used
// with 1 it is a lock around `total++`; used with 0 it is a signal that each thread posts when it is done.
#include <algorithm>
#include <condition_variable>
#include <cstdio>
#include <mutex>
#include <thread>
#include <vector>

class Zemaphore {
   public:
    explicit Zemaphore(int value) : value_(value), lowest_(value) {}

    void wait() {
        std::unique_lock<std::mutex> lock(mutex_);
        changed_.wait(lock, [this] { return value_ > 0; });  // wait first (a while loop inside) ...
        value_--;                                            // ... decrement after: never below 0
        lowest_ = std::min(lowest_, value_);
    }

    void post() {
        std::lock_guard<std::mutex> lock(mutex_);
        value_++;
        changed_.notify_one();
    }

    int lowest() {
        std::lock_guard<std::mutex> lock(mutex_);
        return lowest_;
    }

   private:
    std::mutex mutex_;
    std::condition_variable changed_;
    int value_;  // guarded by mutex_
    int lowest_;
};

constexpr int kThreads = 4, kN = 10000;
int total = 0;  // guarded by the mutex Zemaphore

int main() {
    Zemaphore mutex(1), done(0);
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; t++) {
        threads.emplace_back([&] {
            for (int i = 0; i < kN; i++) {
                mutex.wait();
                total++;  // without the Zemaphore, a data race
                mutex.post();
            }
            done.post();
        });
    }
    for (int t = 0; t < kThreads; t++) done.wait();  // one post per finished thread
    std::printf("total %d of %d; the lowest value was %d\n", total, kThreads * kN, std::min(mutex.lowest(), done.lowest()));
    for (auto& t : threads) t.join();
}
