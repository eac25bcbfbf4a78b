// What does a context switch cost? Two threads are pinned to the same CPU and hand a byte back and
// forth through two pipes. Each thread blocks in read() until the other writes, so every hand-over
// makes the kernel save one thread's registers, pick the other and restore its registers: one context
// switch. The time per hand-over is an upper bound on a switch between two threads of one process:
// it also includes a write() and a read() system call. (Measured the same way between two processes,
// the switch also changes the address space.)
#include <pthread.h>
#include <sched.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <thread>

constexpr int kRounds = 100'000;

static void pin_to_cpu0() {
    cpu_set_t set;
    CPU_ZERO(&set);
    CPU_SET(0, &set);
    pthread_setaffinity_np(pthread_self(), sizeof set, &set);
}

int main() {
    int ping[2], pong[2];
    if (pipe(ping) != 0 || pipe(pong) != 0) return 1;
    char byte = 0;

    std::thread other([&] {
        pin_to_cpu0();
        char b;
        for (int i = 0; i < kRounds; ++i) {
            if (read(ping[0], &b, 1) != 1 || write(pong[1], &b, 1) != 1) return;
        }
    });
    pin_to_cpu0();

    const auto t0 = std::chrono::steady_clock::now();
    for (int i = 0; i < kRounds; ++i) {
        // Two hand-overs per round: to the other thread, and back.
        if (write(ping[1], &byte, 1) != 1 || read(pong[0], &byte, 1) != 1) return 1;
    }
    const auto t1 = std::chrono::steady_clock::now();
    other.join();

    const double us = std::chrono::duration<double, std::micro>(t1 - t0).count() / (2.0 * kRounds);
    std::printf("%d hand-overs between two threads on one CPU: %.2f us each\n", 2 * kRounds, us);
}
