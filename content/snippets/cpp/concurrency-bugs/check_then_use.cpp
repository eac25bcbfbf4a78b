// An atomicity violation, after the MySQL bug in Lu et al. (ASPLOS 2008): T1 checks that proc_info is
// not NULL and then uses it, reading it again; T2 keeps setting it to NULL and back. proc_info is a
// std::atomic, so every load and store is atomic and there is no data race: the bug is that the check
// and the use are two steps. The program counts the uses that read NULL after a passed check (in MySQL,
// fputs(NULL) crashed the server). Then it runs again with proc_info_lock held around the check and the
// use, and around each store: the count is 0.
#include <atomic>
#include <chrono>
#include <cstdio>
#include <mutex>
#include <thread>

// Each version runs for 300 ms: long enough for both threads to share the cores on a busy machine.
constexpr auto kDuration = std::chrono::milliseconds(300);
const char* const kMessage = "Sending data";
std::atomic<const char*> proc_info{kMessage};
std::mutex proc_info_lock;
std::atomic<int> ready{0};

// A little work: T1 formats a timestamp between its check and its use, as a logger would, and T2 keeps
// each value for a moment, as a real query would. Both widen the window without changing the bug.
thread_local volatile int sink;  // volatile: the compiler may not drop the loop below

void work(int steps) {
    for (int k = 0; k < steps; k++) sink = k;
}

void start_together() {  // a spinning start line, so that both threads really run at once
    ready.fetch_add(1);
    while (ready.load() < 2) {
    }
}

void run(bool locked) {
    proc_info.store(kMessage);
    ready.store(0);
    std::atomic<bool> stop{false};
    long passed = 0, null_uses = 0;
    std::thread t1([&] {
        start_together();
        while (!stop.load(std::memory_order_relaxed)) {
            std::unique_lock<std::mutex> guard(proc_info_lock, std::defer_lock);
            if (locked) guard.lock();
            if (proc_info.load() != nullptr) {  // the check ...
                passed++;
                work(20);  // format the timestamp
                if (proc_info.load() == nullptr) null_uses++;  // ... and the use: fputs(proc_info) would crash here
            }
        }
    });
    std::thread t2([&] {
        start_together();
        while (!stop.load(std::memory_order_relaxed)) {
            {
                std::unique_lock<std::mutex> guard(proc_info_lock, std::defer_lock);
                if (locked) guard.lock();
                proc_info.store(nullptr);  // the query ends
            }
            work(100);
            {
                std::unique_lock<std::mutex> guard(proc_info_lock, std::defer_lock);
                if (locked) guard.lock();
                proc_info.store(kMessage);  // and the next one starts
            }
            work(100);
        }
    });
    std::this_thread::sleep_for(kDuration);
    stop.store(true);
    t1.join();
    t2.join();
    std::printf("%s: %ld of %ld passed checks were followed by a NULL use\n", locked ? "with proc_info_lock" : "without a lock", null_uses, passed);
}

int main() {
    run(false);
    run(true);
}
