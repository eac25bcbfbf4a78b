// An order violation, after the Mozilla bug in Lu et al. (ASPLOS 2008). init() starts a thread and then
// stores a pointer to its record in m_thread; the thread's first act is to read its state through
// m_thread. Nothing makes the store come first. Here init() takes 100 ms between the start and the
// assignment (registering the thread elsewhere, say), which makes the bad order certain: the thread
// finds nullptr (it checks instead of dereferencing: that would be undefined behaviour, usually a crash).
// The fix enforces the order: init() counts down a C++20 std::latch after the assignment, and the thread
// waits on it first.
#include <atomic>
#include <chrono>
#include <cstdio>
#include <latch>
#include <string>
#include <thread>

struct ThreadRecord {
    const char* state = "running";
};

std::atomic<ThreadRecord*> m_thread{nullptr};

void init(bool wait_for_init) {
    m_thread.store(nullptr);
    std::latch initialised(1);
    ThreadRecord record;
    std::string outcome;
    std::thread t([&] {
        if (wait_for_init) initialised.wait();  // the fix: A (the assignment) before B (this read), enforced
        ThreadRecord* r = m_thread.load();
        outcome = r == nullptr ? "m_main found m_thread not set yet: nullptr" : std::string("m_main found m_thread set, state ") + r->state;
    });
    std::this_thread::sleep_for(std::chrono::milliseconds(100));  // init() registers the thread elsewhere
    m_thread.store(&record);  // the assignment the thread relies on
    initialised.count_down();
    t.join();
    std::printf("%s: %s\n", wait_for_init ? "with a std::latch" : "without a signal", outcome.c_str());
}

int main() {
    init(false);
    init(true);
}
