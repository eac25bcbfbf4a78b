// What does it cost to start a thread, a process, a new program? Median wall time of each.
// Build and run: g++ -O2 -pthread creation_cost.cpp -o creation_cost && ./creation_cost
#include <algorithm>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <pthread.h>
#include <spawn.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

extern char **environ;

static double now_us() {
    timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

// Run `start_and_finish` n times; print the median, which a stray slow run cannot skew.
template <typename F> static void measure(const char *what, int n, F start_and_finish) {
    std::vector<double> us;
    for (int i = 0; i < n; i++) {
        const double t0 = now_us();
        start_and_finish();
        us.push_back(now_us() - t0);
    }
    std::sort(us.begin(), us.end());
    std::printf("%-48s %8.0f us\n", what, us[us.size() / 2]);
}

static void *nothing(void *) { return nullptr; }
static char *const true_argv[] = {const_cast<char *>("/bin/true"), nullptr};

static void fork_exit_wait() {
    const pid_t pid = fork();
    if (pid == 0) _exit(0);  // the child does nothing and leaves
    waitpid(pid, nullptr, 0);
}

static void fork_exec_wait() {
    const pid_t pid = fork();
    if (pid == 0) {
        execve("/bin/true", true_argv, environ);
        _exit(127);  // only reached if execve failed
    }
    waitpid(pid, nullptr, 0);
}

static void spawn_wait() {
    pid_t pid;
    posix_spawn(&pid, "/bin/true", nullptr, nullptr, true_argv, environ);
    waitpid(pid, nullptr, 0);
}

int main() {
    measure("pthread_create + pthread_join", 2000, [] {
        pthread_t t;
        pthread_create(&t, nullptr, nothing, nullptr);
        pthread_join(t, nullptr);
    });
    measure("fork + _exit + waitpid (small parent)", 500, fork_exit_wait);
    measure("fork + execve /bin/true + waitpid", 200, fork_exec_wait);
    measure("posix_spawn /bin/true + waitpid", 200, spawn_wait);

    // Copy-on-write copies no data, but fork still copies the page tables: a parent with
    // 1 GiB of memory in use forks much more slowly. posix_spawn does not copy them at all.
    const size_t big = size_t{1} << 30;
    void *heap = mmap(nullptr, big, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    std::memset(heap, 1, big);  // touch every 4 KiB page so that each one is really mapped
    measure("fork + _exit + waitpid (1 GiB parent)", 20, fork_exit_wait);
    measure("posix_spawn /bin/true + waitpid (1 GiB parent)", 20, spawn_wait);
    return 0;
}
