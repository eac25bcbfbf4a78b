/*
 * An echo server on one thread with epoll(7), edge-triggered.
 *
 * Every socket is non-blocking (O_NONBLOCK), and the thread waits in one place only: epoll_wait(),
 * which returns the sockets that became ready. Edge-triggered (EPOLLET) means epoll reports a socket
 * when it *becomes* ready, not for as long as it stays ready, so each handler must drain its socket
 * (accept or read until the call fails with EAGAIN); stopping early would leave data that no later
 * epoll_wait() mentions. Each connection's unfinished line lives in its own struct between events.
 *
 * A forked child plays the clients: it opens all 50 connections first, then sends a line on each,
 * then reads every reply, so the server holds 50 connections open at once. The server counts its
 * own threads in /proc/self/status. Linux only.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#define N 50

struct conn {
    int fd;
    char buf[256]; /* the part of a line that has arrived so far */
    size_t len;
};

static void must(int ok, const char *what) {
    if (!ok) { perror(what); exit(1); }
}

static int threads_now(void) {
    FILE *f = fopen("/proc/self/status", "r");
    char line[256];
    int n = -1;
    while (f && fgets(line, sizeof line, f))
        if (sscanf(line, "Threads: %d", &n) == 1) break;
    if (f) fclose(f);
    return n;
}

static void run_clients(int port) {
    struct sockaddr_in addr = { .sin_family = AF_INET, .sin_port = htons(port) };
    inet_pton(AF_INET, "127.0.0.1", &addr.sin_addr);
    int fds[N];
    for (int i = 0; i < N; i++) { /* blocking sockets: the child is allowed to wait */
        fds[i] = socket(AF_INET, SOCK_STREAM, 0);
        must(connect(fds[i], (struct sockaddr *)&addr, sizeof addr) == 0, "connect");
    }
    char msg[32], reply[32];
    for (int i = 0; i < N; i++) {
        int len = snprintf(msg, sizeof msg, "hello %d\n", i);
        must(write(fds[i], msg, len) == len, "write");
    }
    int matched = 0;
    for (int i = 0; i < N; i++) {
        int len = snprintf(msg, sizeof msg, "hello %d\n", i), got = 0;
        while (got < len) {
            ssize_t r = read(fds[i], reply + got, sizeof reply - got);
            if (r <= 0) break;
            got += r;
        }
        matched += got == len && memcmp(msg, reply, len) == 0;
        close(fds[i]);
    }
    printf("clients: %d of %d replies matched\n", matched, N);
    fflush(stdout);
}

int main(void) {
    int listener = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in addr = { .sin_family = AF_INET, .sin_port = 0 }; /* port 0: any free port */
    inet_pton(AF_INET, "127.0.0.1", &addr.sin_addr);
    socklen_t alen = sizeof addr;
    must(bind(listener, (struct sockaddr *)&addr, sizeof addr) == 0, "bind");
    must(listen(listener, N) == 0, "listen");
    must(getsockname(listener, (struct sockaddr *)&addr, &alen) == 0, "getsockname");

    pid_t pid = fork();
    must(pid >= 0, "fork");
    if (pid == 0) {
        close(listener);
        run_clients(ntohs(addr.sin_port));
        _exit(0);
    }

    fcntl(listener, F_SETFL, fcntl(listener, F_GETFL) | O_NONBLOCK);
    int ep = epoll_create1(0);
    must(ep >= 0, "epoll_create1");
    struct epoll_event ev = { .events = EPOLLIN | EPOLLET, .data.ptr = NULL }; /* NULL: the listener */
    must(epoll_ctl(ep, EPOLL_CTL_ADD, listener, &ev) == 0, "epoll_ctl");

    int served = 0, open_now = 0, most_open = 0, waits = 0, events = 0;
    struct epoll_event ready[16];
    while (served < N || open_now > 0) {
        int n = epoll_wait(ep, ready, 16, 5000); /* the loop's only wait */
        must(n > 0, "epoll_wait (nothing ready for 5 s)");
        waits++;
        events += n;
        for (int i = 0; i < n; i++) {
            struct conn *c = ready[i].data.ptr;
            if (c == NULL) { /* edge-triggered: accept every pending connection, until EAGAIN */
                int fd;
                while ((fd = accept4(listener, NULL, NULL, SOCK_NONBLOCK)) >= 0) {
                    c = calloc(1, sizeof *c);
                    c->fd = fd;
                    struct epoll_event cev = { .events = EPOLLIN | EPOLLET, .data.ptr = c };
                    must(epoll_ctl(ep, EPOLL_CTL_ADD, fd, &cev) == 0, "epoll_ctl");
                    served++;
                    if (++open_now > most_open) most_open = open_now;
                }
                must(errno == EAGAIN || errno == EWOULDBLOCK, "accept4");
                continue;
            }
            for (;;) { /* read until EAGAIN (drained: wait for the next edge) or 0 (end of file) */
                ssize_t r = read(c->fd, c->buf + c->len, sizeof c->buf - c->len);
                if (r < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) break;
                if (r <= 0) { /* end of file (or an error): closing also removes it from epoll */
                    close(c->fd);
                    free(c);
                    open_now--;
                    break;
                }
                c->len += r;
                char *nl;
                while ((nl = memchr(c->buf, '\n', c->len)) != NULL) { /* echo each complete line */
                    size_t line = nl - c->buf + 1;
                    /* A short reply fits the empty send buffer; a real server would keep what
                       write() did not take and wait for EPOLLOUT. */
                    must(write(c->fd, c->buf, line) == (ssize_t)line, "write");
                    memmove(c->buf, c->buf + line, c->len - line);
                    c->len -= line;
                }
            }
        }
    }
    int status;
    waitpid(pid, &status, 0);
    printf("poller: epoll, edge-triggered\n");
    printf("served %d connections in %d thread, %d open at once\n", served, threads_now(), most_open);
    printf("%d waits returned %d ready sockets\n", waits, events);
    close(ep);
    close(listener);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 1;
}
