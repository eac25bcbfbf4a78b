// A function that holds a std::recursive_mutex calls another that locks it again: the owner may
// re-lock it (it counts the levels), while other threads are still kept out. With a plain std::mutex
// the inner lock() would be undefined behaviour, and in practice usually hangs.
#include <cstdio>
#include <mutex>
#include <thread>

constexpr int kTransfers = 100'000;  // per thread

std::recursive_mutex account;
long balance = 0;  // guarded by account

void deposit(long amount) {
    std::lock_guard<std::recursive_mutex> hold(account);  // already ours from transfer(): count 1 -> 2
    balance += amount;
}  // 2 -> 1: still held

void transfer(int n) {
    for (int i = 0; i < n; i++) {
        std::lock_guard<std::recursive_mutex> hold(account);  // 0 -> 1: taken, or wait for the other thread
        deposit(1);
    }  // 1 -> 0: free for the other thread
}

int main() {
    std::thread t1(transfer, kTransfers), t2(transfer, kTransfers);
    t1.join();
    t2.join();
    std::printf("2 threads x %d nested acquisitions: balance %ld (expected %d)\n", kTransfers, balance,
                2 * kTransfers);
}
