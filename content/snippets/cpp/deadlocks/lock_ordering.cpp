// Two threads move money between two accounts in opposite directions and never deadlock: every
// transfer locks the lower-numbered account first, whichever way the money goes.
// (std::scoped_lock(a, b) would also avoid the deadlock, with its own algorithm; this shows the rule.)
#include <chrono>
#include <cstdio>
#include <mutex>
#include <thread>

constexpr int kTransfers = 100'000;  // per thread

struct Account {
    int no;        // fixes the account's place in the lock order
    long balance;  // guarded by lock
    std::mutex lock;
};

void transfer(Account &from, Account &to, long amount, int linger_ms) {
    // The global order: lower number first. Nobody holds a later lock while waiting for an earlier
    // one, so no cycle of waiting threads can form.
    Account &first = from.no < to.no ? from : to;
    Account &second = &first == &from ? to : from;
    std::lock_guard<std::mutex> hold_first(first.lock);
    if (linger_ms > 0) std::this_thread::sleep_for(std::chrono::milliseconds(linger_ms));  // where the opposite-order version deadlocks
    std::lock_guard<std::mutex> hold_second(second.lock);
    from.balance -= amount;
    to.balance += amount;
}

void mover(Account &from, Account &to, long &done) {
    for (int i = 0; i < kTransfers; i++) {
        transfer(from, to, 1, i == 0 ? 10 : 0);
        done++;
    }
}

int main() {
    Account one{1, 1'000'000, {}}, two{2, 1'000'000, {}};
    long done1 = 0, done2 = 0;  // one per thread; join() makes them visible to main
    std::thread t1(mover, std::ref(one), std::ref(two), std::ref(done1));  // 1 -> 2
    std::thread t2(mover, std::ref(two), std::ref(one), std::ref(done2));  // 2 -> 1
    t1.join();
    t2.join();
    std::printf("%ld transfers; balances %ld + %ld = %ld\n", done1 + done2, one.balance, two.balance,
                one.balance + two.balance);
}
