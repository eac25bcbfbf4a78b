// How many threads can run at the same instant? std::thread::hardware_concurrency() is a hint: the
// number of logical CPUs (hardware threads), or 0 when it cannot tell. With libstdc++ and glibc 2.36
// it counts the machine's online CPUs and ignores this process's affinity mask: run the program under
// `taskset -c 0` and the first line still says 2 on a 2-CPU machine, while the second says 1.
#include <sched.h>

#include <iostream>
#include <thread>

int main() {
    std::cout << "std::thread::hardware_concurrency(): " << std::thread::hardware_concurrency() << '\n';

    cpu_set_t set;
    CPU_ZERO(&set);
    if (sched_getaffinity(0, sizeof set, &set) == 0) {
        std::cout << "CPUs in this process's affinity mask: " << CPU_COUNT(&set) << '\n';
    }
}
