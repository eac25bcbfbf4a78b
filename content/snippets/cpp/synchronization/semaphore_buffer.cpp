// The bounded buffer from two counting semaphores and a mutex (OSTEP, chapter 31), with C++20's
// std::counting_semaphore. `empty` counts free slots, `full` counts items. Each thread waits on its
// semaphore first and locks the mutex second: the other order deadlocks. Two producers put 5,000 numbered
// items each through 4 slots; two consumers take 5,000 each; every item must arrive exactly once.
#include <algorithm>
#include <atomic>
#include <cstdio>
#include <mutex>
#include <semaphore>
#include <thread>
#include <vector>

constexpr int kProducers = 2, kConsumers = 2, kN = 5000, kSlots = 4;

int buffer[kSlots];
int fill = 0, use = 0;  // guarded by mutex
std::counting_semaphore<kSlots> empty(kSlots);
std::counting_semaphore<kSlots> full(0);
std::mutex mutex;
std::vector<std::atomic<int>> seen(kProducers * kN);

void producer(int first) {
    for (int item = first; item < first + kN; item++) {
        empty.acquire();  // wait for a free slot, holding nothing
        {
            std::lock_guard<std::mutex> guard(mutex);
            buffer[fill] = item;
            fill = (fill + 1) % kSlots;
        }
        full.release();  // one more item
    }
}

void consumer(int share) {
    for (int k = 0; k < share; k++) {
        full.acquire();  // wait for an item, holding nothing
        int item;
        {
            std::lock_guard<std::mutex> guard(mutex);
            item = buffer[use];
            use = (use + 1) % kSlots;
        }
        empty.release();  // one more free slot
        seen[item]++;
    }
}

int main() {
    const int total = kProducers * kN;
    std::vector<std::thread> threads;
    for (int p = 0; p < kProducers; p++) threads.emplace_back(producer, p * kN);
    for (int c = 0; c < kConsumers; c++) threads.emplace_back(consumer, total / kConsumers);
    for (auto& t : threads) t.join();
    int consumed = 0, missing = 0, twice = 0;
    for (auto& s : seen) {
        consumed += s;
        missing += s == 0;
        twice += s > 1;
    }
    std::printf("%d of %d items consumed, %d missing, %d twice\n", consumed, total, missing, twice);
}
