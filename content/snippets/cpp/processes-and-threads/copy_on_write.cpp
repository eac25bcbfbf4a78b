// fork() copies memory lazily: parent and child share every page until one of them writes to it.
// Build and run: g++ -O2 copy_on_write.cpp -o copy_on_write && ./copy_on_write
#include <cstdio>
#include <cstring>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

// Sum of one field (in kB) over all of this process's mappings, from /proc/self/smaps_rollup.
static long my_kib(const char *field) {
    FILE *f = std::fopen("/proc/self/smaps_rollup", "r");
    char line[256];
    long kib = -1;
    const size_t n = std::strlen(field);
    while (f && std::fgets(line, sizeof line, f))
        if (std::strncmp(line, field, n) == 0) std::sscanf(line + n, " %ld", &kib);
    if (f) std::fclose(f);
    return kib;
}

static void report(const char *when) {
    std::printf("child, %-26s shared with parent %4ld MiB, its own copy %4ld MiB\n", when,
                my_kib("Shared_Dirty:") / 1024, my_kib("Private_Dirty:") / 1024);
}

int main() {
    const size_t size = size_t{256} << 20;  // 256 MiB
    char *data = static_cast<char *>(
        mmap(nullptr, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0));
    std::memset(data, 1, size);  // the parent writes every page, so all 256 MiB are in RAM

    const pid_t pid = fork();
    if (pid == 0) {
        report("right after fork:");
        std::memset(data, 2, size / 4);  // write to the first 64 MiB: only those pages get copied
        report("after writing 64 MiB:");
        std::fflush(stdout);
        _exit(0);
    }
    waitpid(pid, nullptr, 0);
    std::printf("parent still sees its own data: data[0] = %d\n", data[0]);
    return 0;
}
