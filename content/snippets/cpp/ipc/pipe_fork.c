/*
 * pipe(2) and fork(2): the parent writes the numbers 1..N into one pipe, the child reads them, adds
 * them up and writes the sum back through a second pipe.
 *
 * A pipe is a one-way byte stream kept by the kernel: write() copies bytes into its buffer, read()
 * copies them out. Nothing is shared but the stream, so two pipes are needed for a reply. Each end
 * closes the descriptors it does not use; the child sees end-of-file (read returns 0) only once every
 * write end is closed, which is why the parent closes its write end when it is done.
 */
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#define N 100000

static void must(int ok, const char *what) {
    if (!ok) { perror(what); exit(1); }
}

int main(void) {
    int down[2], up[2]; /* [0] read end, [1] write end */
    must(pipe(down) == 0 && pipe(up) == 0, "pipe");
    pid_t pid = fork();
    must(pid >= 0, "fork");
    if (pid == 0) {                      /* child: read numbers until EOF, reply with the sum */
        close(down[1]);
        close(up[0]);
        long long sum = 0;
        int x;
        while (read(down[0], &x, sizeof x) == sizeof x) sum += x;
        must(write(up[1], &sum, sizeof sum) == sizeof sum, "write");
        _exit(0);
    }
    close(down[0]);
    close(up[1]);
    for (int x = 1; x <= N; x++) must(write(down[1], &x, sizeof x) == sizeof x, "write");
    close(down[1]);                      /* EOF for the child */
    long long sum = 0;
    must(read(up[0], &sum, sizeof sum) == sizeof sum, "read");
    int status;
    waitpid(pid, &status, 0);
    printf("child summed 1..%d: %lld (expected %lld)\n", N, sum, (long long)N * (N + 1) / 2);
    printf("child exit status %d\n", WEXITSTATUS(status));
    return 0;
}
