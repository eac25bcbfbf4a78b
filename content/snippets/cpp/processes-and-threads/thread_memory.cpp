// What does an idle thread cost in memory? Start 100, park them, and compare /proc/self/status.
// Build and run: g++ -O2 -pthread thread_memory.cpp -o thread_memory && ./thread_memory
#include <cstdio>
#include <cstring>
#include <pthread.h>

static long status_kib(const char *field) {  // e.g. "VmRSS:" from /proc/self/status, in kB
    FILE *f = std::fopen("/proc/self/status", "r");
    char line[256];
    long kib = -1;
    const size_t n = std::strlen(field);
    while (f && std::fgets(line, sizeof line, f))
        if (std::strncmp(line, field, n) == 0) std::sscanf(line + n, " %ld", &kib);
    if (f) std::fclose(f);
    return kib;
}

static pthread_barrier_t all_started, may_finish;

static void *park(void *) {
    pthread_barrier_wait(&all_started);
    pthread_barrier_wait(&may_finish);  // stay alive (and keep the stack) until main has measured
    return nullptr;
}

int main() {
    const int n = 100;
    pthread_t threads[n];
    pthread_barrier_init(&all_started, nullptr, n + 1);
    pthread_barrier_init(&may_finish, nullptr, n + 1);

    const long size0 = status_kib("VmSize:"), rss0 = status_kib("VmRSS:");
    for (pthread_t &t : threads) pthread_create(&t, nullptr, park, nullptr);
    pthread_barrier_wait(&all_started);
    const long size1 = status_kib("VmSize:"), rss1 = status_kib("VmRSS:");
    pthread_barrier_wait(&may_finish);
    for (pthread_t &t : threads) pthread_join(t, nullptr);

    std::printf("threads in the process:   %ld\n", n + 1L);
    std::printf("address space reserved:   %ld KiB per thread\n", (size1 - size0) / n);
    std::printf("memory actually used:     %ld KiB per thread\n", (rss1 - rss0) / n);
    return 0;
}
