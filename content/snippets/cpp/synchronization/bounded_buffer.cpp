// Producer-consumer on an 8-slot ring buffer built from one std::mutex and two std::condition_variables.
// Producers wait on not_full while the buffer is full; consumers wait on not_empty while it is empty and
// a producer is still running. wait(lock, predicate) is the while loop, written for you.
#include <condition_variable>
#include <cstdio>
#include <mutex>
#include <stdexcept>
#include <thread>
#include <vector>

constexpr int kProducers = 2, kConsumers = 2, kItems = 5'000, kCapacity = 8;

std::mutex m;
std::condition_variable not_full, not_empty;
int slots[kCapacity];
int head = 0, tail = 0, count = 0, producers_done = 0;  // guarded by m
std::vector<char> seen(kProducers * kItems);             // each item is written by the one consumer that took it

void produce(int first) {
    for (int item = first; item < first + kItems; item++) {
        std::unique_lock<std::mutex> lock(m);
        not_full.wait(lock, [] { return count < kCapacity; });  // unlocks while asleep, relocks on waking
        slots[tail] = item;
        tail = (tail + 1) % kCapacity;
        count++;
        not_empty.notify_one();
    }
    std::lock_guard<std::mutex> lock(m);
    producers_done++;
    not_empty.notify_all();  // every consumer must see that no more items may come
}

void consume() {
    for (;;) {
        int item;
        {
            std::unique_lock<std::mutex> lock(m);
            not_empty.wait(lock, [] { return count > 0 || producers_done == kProducers; });
            if (count == 0) return;  // empty, and every producer has finished
            item = slots[head];
            head = (head + 1) % kCapacity;
            count--;
            not_full.notify_one();
        }
        if (seen[item]) throw std::logic_error("an item was consumed twice");
        seen[item] = 1;
    }
}

int main() {
    std::vector<std::thread> threads;
    for (int p = 0; p < kProducers; p++) threads.emplace_back(produce, p * kItems);
    for (int c = 0; c < kConsumers; c++) threads.emplace_back(consume);
    for (std::thread &t : threads) t.join();
    int consumed = 0;
    for (char s : seen) consumed += s;
    std::printf("%d of %d items consumed, %d missing\n", consumed, kProducers * kItems, kProducers * kItems - consumed);
}
