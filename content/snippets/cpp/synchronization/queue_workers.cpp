// Producer-consumer with a blocking queue. The C++ standard library has none, so this is the usual one:
// a deque, a mutex and two condition variables, written once. Main puts the numbers 2 to 20,000 into a
// queue of 16 places; three workers take them and count primes. An empty optional is the stop signal.
#include <atomic>
#include <condition_variable>
#include <cstdio>
#include <deque>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

template <typename T>
class BlockingQueue {
    std::mutex m_;
    std::condition_variable not_full_, not_empty_;
    std::deque<T> items_;
    size_t capacity_;

  public:
    explicit BlockingQueue(size_t capacity) : capacity_(capacity) {}
    void put(T item) {  // blocks while the queue is full: back-pressure on the producer
        std::unique_lock<std::mutex> lock(m_);
        not_full_.wait(lock, [&] { return items_.size() < capacity_; });
        items_.push_back(std::move(item));
        not_empty_.notify_one();
    }
    T get() {  // blocks while the queue is empty
        std::unique_lock<std::mutex> lock(m_);
        not_empty_.wait(lock, [&] { return !items_.empty(); });
        T item = std::move(items_.front());
        items_.pop_front();
        not_full_.notify_one();
        return item;
    }
};

bool is_prime(int x) {
    if (x < 2) return false;
    for (int d = 2; d * d <= x; d++) if (x % d == 0) return false;
    return true;
}

int main() {
    constexpr int kWorkers = 3, kLimit = 20'000;
    BlockingQueue<std::optional<int>> jobs(16);
    std::atomic<int> processed{0}, primes{0};
    std::vector<std::thread> threads;
    for (int i = 0; i < kWorkers; i++) {
        threads.emplace_back([&] {
            for (std::optional<int> x = jobs.get(); x; x = jobs.get()) {
                if (is_prime(*x)) primes++;
                processed++;
            }
        });
    }
    for (int x = 2; x <= kLimit; x++) jobs.put(x);
    for (int i = 0; i < kWorkers; i++) jobs.put(std::nullopt);  // one stop signal per worker
    for (std::thread &t : threads) t.join();
    int expected = 0;
    for (int x = 2; x <= kLimit; x++) expected += is_prime(x);
    if (primes != expected) return 1;
    std::printf("%d numbers tested by %d threads: %d primes, as main counts alone\n", processed.load(), kWorkers, primes.load());
}
