// Two threads take two locks in opposite orders and reach the deadlock on purpose, but the second
// acquire is std::timed_mutex::try_lock_for: the thread that gives up releases its first lock, backs
// off a random moment and retries, so every job gets done.
#include <atomic>
#include <barrier>
#include <chrono>
#include <cstdio>
#include <mutex>
#include <random>
#include <thread>

using namespace std::chrono_literals;

constexpr int kJobs = 20;             // per thread
constexpr auto kTimeout = 50ms;       // to wait for the second lock
std::barrier both_hold_one(2);
std::atomic<int> done{0}, timeouts{0};

void worker(std::timed_mutex &first, std::timed_mutex &second, const char *first_name, const char *second_name) {
    std::mt19937 rng(std::random_device{}());
    int attempt = 0;
    for (int job = 0; job < kJobs; job++) {
        while (true) {
            attempt++;
            first.lock();
            if (attempt == 1) both_hold_one.arrive_and_wait();  // each holds one lock and wants the other's
            if (second.try_lock_for(kTimeout)) break;          // got both
            // Timed out: let go of the first lock so that the other thread can finish, then back off.
            first.unlock();
            timeouts++;
            std::printf("attempt %d: gave up waiting for %s after %lld ms; released %s, backing off\n", attempt,
                        second_name, static_cast<long long>(kTimeout.count()), first_name);
            std::this_thread::sleep_for(std::chrono::microseconds(rng() % 10'000));
        }
        done++;  // the job, with both locks held
        second.unlock();
        first.unlock();
    }
}

int main() {
    std::timed_mutex a, b;
    std::thread t1(worker, std::ref(a), std::ref(b), "A", "B");
    std::thread t2(worker, std::ref(b), std::ref(a), "B", "A");
    t1.join();
    t2.join();
    std::printf("every job done: %d; acquires that timed out: %d\n", done.load(), timeouts.load());
}
