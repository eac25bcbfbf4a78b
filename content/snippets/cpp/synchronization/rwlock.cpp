// A std::shared_mutex (C++17): readers hold it shared (std::shared_lock), a writer holds it exclusively
// (std::unique_lock). Writers keep a pair of numbers equal, but set them 1 ms apart: a reader that looked
// during a write would see them differ. Atomic instruments count torn reads, crowded writes and the most
// readers inside at once.
#include <atomic>
#include <chrono>
#include <cstdio>
#include <mutex>
#include <shared_mutex>
#include <thread>
#include <vector>

constexpr int kReaders = 4, kWriters = 2, kReads = 20, kWrites = 5;
using std::chrono::milliseconds;

std::shared_mutex rw;
int a = 0, b = 0;  // guarded by rw
std::atomic<int> readers_in{0}, writers_in{0}, max_readers{0}, reads{0}, writes{0}, torn{0}, crowded{0};

void reader() {
    for (int i = 0; i < kReads; i++) {
        {
            std::shared_lock<std::shared_mutex> hold(rw);
            int inside = ++readers_in;
            for (int m = max_readers.load(); inside > m && !max_readers.compare_exchange_weak(m, inside);) {
            }  // atomic maximum: a CAS loop
            int first = a;
            std::this_thread::sleep_for(milliseconds(2));  // a slow read: time for other readers to come in
            if (first != b) torn++;
            readers_in--;
            reads++;
        }
        std::this_thread::sleep_for(milliseconds(1));
    }
}

void writer(int me) {
    for (int i = 1; i <= kWrites; i++) {
        {
            std::unique_lock<std::shared_mutex> hold(rw);
            if (++writers_in != 1 || readers_in.load() != 0) crowded++;
            a = me * 1'000 + i;
            std::this_thread::sleep_for(milliseconds(1));  // the pair is inconsistent now: nobody may look
            b = me * 1'000 + i;
            writers_in--;
            writes++;
        }
        std::this_thread::sleep_for(milliseconds(4));
    }
}

int main() {
    std::vector<std::thread> threads;
    for (int r = 0; r < kReaders; r++) threads.emplace_back(reader);
    for (int w = 1; w <= kWriters; w++) threads.emplace_back(writer, w);
    for (std::thread &t : threads) t.join();
    std::printf("%d reads, %d writes; torn reads: %d, writers not alone: %d\n", reads.load(), writes.load(), torn.load(), crowded.load());
    std::printf("readers overlapped: %s\n", max_readers.load() >= 2 ? "yes" : "no");
}
