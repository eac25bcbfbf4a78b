/*
 * What one wait costs, with 1 ready descriptor among n idle ones: poll(2) against epoll_wait(2).
 *
 * poll() receives the whole list on every call, and the kernel asks every descriptor in it whether
 * it is ready: the cost of a wait grows with n, the number watched. With epoll the list lives in
 * the kernel (epoll_ctl adds to it once), each descriptor puts itself on the epoll instance's ready
 * list when its state changes, and epoll_wait() only copies out that list: the cost grows with the
 * number ready, not the number watched. select(2) works like poll() and is also limited to
 * descriptors below FD_SETSIZE (1024), so it is left out.
 *
 * The idle descriptors are dup()s of the read end of one empty pipe (each is a descriptor of its own
 * to poll and to epoll, and costs one slot of the file-descriptor limit); the ready one is a pipe
 * holding one byte that nobody reads, so it stays readable. Each time is the best of 5 batches.
 * Linux only (epoll).
 */
#define _GNU_SOURCE
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#define MAX_N 1000

static void must(int ok, const char *what) {
    if (!ok) { perror(what); exit(1); }
}

static double now_us(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1e6 + t.tv_nsec / 1e3;
}

/* Microseconds per wait, best of 5 batches of `reps` waits. */
static double poll_cost(struct pollfd *fds, int count, int reps) {
    double best = 1e30;
    for (int b = 0; b < 5; b++) {
        double t0 = now_us();
        for (int r = 0; r < reps; r++) must(poll(fds, count, -1) == 1, "poll");
        double t = (now_us() - t0) / reps;
        if (t < best) best = t;
    }
    return best;
}

static double epoll_cost(int ep, int reps) {
    struct epoll_event out[8];
    double best = 1e30;
    for (int b = 0; b < 5; b++) {
        double t0 = now_us();
        for (int r = 0; r < reps; r++) must(epoll_wait(ep, out, 8, -1) == 1, "epoll_wait");
        double t = (now_us() - t0) / reps;
        if (t < best) best = t;
    }
    return best;
}

int main(void) {
    /* Room for MAX_N descriptors beyond the usual ones (a soft limit of 1024 is common). */
    struct rlimit lim;
    getrlimit(RLIMIT_NOFILE, &lim);
    if (lim.rlim_cur < MAX_N + 64 && lim.rlim_max >= MAX_N + 64) {
        lim.rlim_cur = MAX_N + 64;
        setrlimit(RLIMIT_NOFILE, &lim);
    }
    int idle[2], busy[2];
    must(pipe(idle) == 0 && pipe(busy) == 0, "pipe");
    must(write(busy[1], "x", 1) == 1, "write"); /* busy[0] is readable from now on */

    static struct pollfd fds[MAX_N + 1];
    fds[0] = (struct pollfd){ .fd = busy[0], .events = POLLIN };
    for (int i = 1; i <= MAX_N; i++) {
        int fd = dup(idle[0]);
        must(fd >= 0, "dup (raise the descriptor limit: ulimit -n 1100)");
        fds[i] = (struct pollfd){ .fd = fd, .events = POLLIN };
    }

    const int sizes[] = { 10, 100, 1000 };
    double p[3], e[3];
    poll_cost(fds, 11, 2000); /* warm up: the first calls pay for cold caches and page faults */
    printf("idle descriptors  poll()  epoll_wait()\n");
    for (int s = 0; s < 3; s++) {
        int n = sizes[s];
        int reps = 20000 / n + 500;
        p[s] = poll_cost(fds, n + 1, reps);
        int ep = epoll_create1(0);
        must(ep >= 0, "epoll_create1");
        for (int i = 0; i <= n; i++) {
            struct epoll_event ev = { .events = EPOLLIN, .data.fd = fds[i].fd }; /* level-triggered */
            must(epoll_ctl(ep, EPOLL_CTL_ADD, fds[i].fd, &ev) == 0, "epoll_ctl");
        }
        e[s] = epoll_cost(ep, reps);
        close(ep);
        printf("%16d  %6.2f us  %6.2f us\n", n, p[s], e[s]);
    }
    printf("from 10 to 1000 idle: poll() %.1fx slower, epoll_wait() %.1fx\n", p[2] / p[0], e[2] / e[0]);
    return 0;
}
