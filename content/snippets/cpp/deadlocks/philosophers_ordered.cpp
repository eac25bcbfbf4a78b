// Dining philosophers, fixed by ordering the forks: everyone picks up the lower-numbered of their two
// forks first, so the last philosopher reaches for fork 0 and the circular wait cannot close.
#include <algorithm>
#include <array>
#include <cstdio>
#include <mutex>
#include <thread>
#include <vector>

constexpr int kPhilosophers = 5;
constexpr int kMeals = 20'000;  // each

std::array<std::mutex, kPhilosophers> forks;
std::array<long, kPhilosophers> eaten{};  // one slot each; join() makes them visible to main

void philosopher(int i) {
    const int left = i, right = (i + 1) % kPhilosophers;
    // The global order: lower-numbered fork first. For P0..P3 that is the left fork; P4, whose forks
    // are 4 and 0, now competes with P0 for fork 0 while holding nothing.
    std::mutex &first = forks[std::min(left, right)];
    std::mutex &second = forks[std::max(left, right)];
    for (int m = 0; m < kMeals; m++) {
        std::lock_guard<std::mutex> hold_first(first);
        std::lock_guard<std::mutex> hold_second(second);
        eaten[i]++;  // eating, with both forks
    }
}

int main() {
    std::vector<std::thread> philosophers;
    for (int i = 0; i < kPhilosophers; i++) philosophers.emplace_back(philosopher, i);
    long total = 0;
    for (int i = 0; i < kPhilosophers; i++) {
        philosophers[i].join();
        total += eaten[i];
    }
    std::printf("%d philosophers ate %ld meals (expected %d)\n", kPhilosophers, total, kPhilosophers * kMeals);
}
