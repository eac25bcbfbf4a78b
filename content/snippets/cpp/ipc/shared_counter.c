/*
 * Two processes, one counter in shared memory: without a lock they lose updates, with a
 * process-shared mutex they do not.
 *
 * mmap(MAP_SHARED | MAP_ANONYMOUS) before fork() gives parent and children the same physical page
 * (a MAP_PRIVATE page would be copied on the first write instead). Each child adds 1 to the counter
 * n times. The unlocked increment is an atomic load followed by an atomic store, so every access is
 * well defined and the compiler cannot merge the loop; the pair is not atomic, and the other process
 * can store in between. The locked version uses a pthread mutex created with PTHREAD_PROCESS_SHARED,
 * which works between processes because it lives in the shared page.
 */
#define _DEFAULT_SOURCE /* MAP_ANONYMOUS is not in strict C17 headers */
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

/* Long enough that both loops overlap even on two busy cores; the locked run does less, as each
   increment then costs a lock and an unlock that the other process contends for. */
#define N_UNLOCKED 50000000L
#define N_LOCKED 5000000L

struct shared {
    atomic_long counter;
    atomic_int ready;        /* start line: both children spin until it reaches 2 */
    pthread_mutex_t mutex;
};

static void add(struct shared *s, int locked, long n) {
    atomic_fetch_add(&s->ready, 1);
    while (atomic_load(&s->ready) < 2) { /* spin, so both loops start together */ }
    for (long i = 0; i < n; i++) {
        if (locked) pthread_mutex_lock(&s->mutex);
        long v = atomic_load_explicit(&s->counter, memory_order_relaxed);
        atomic_store_explicit(&s->counter, v + 1, memory_order_relaxed);
        if (locked) pthread_mutex_unlock(&s->mutex);
    }
}

static void run(struct shared *s, int locked) {
    long n = locked ? N_LOCKED : N_UNLOCKED;
    atomic_store(&s->counter, 0);
    atomic_store(&s->ready, 0);
    for (int k = 0; k < 2; k++) {
        pid_t pid = fork();
        if (pid < 0) { perror("fork"); exit(1); }
        if (pid == 0) { add(s, locked, n); _exit(0); }
    }
    while (wait(NULL) > 0) { }
    long got = atomic_load(&s->counter);
    printf("%s: expected %ld, got %ld (lost %ld)\n", locked ? "with a shared mutex" : "without a lock", 2 * n, got, 2 * n - got);
}

int main(void) {
    struct shared *s = mmap(NULL, sizeof *s, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (s == MAP_FAILED) { perror("mmap"); return 1; }
    pthread_mutexattr_t attr;
    pthread_mutexattr_init(&attr);
    pthread_mutexattr_setpshared(&attr, PTHREAD_PROCESS_SHARED);
    pthread_mutex_init(&s->mutex, &attr);
    run(s, 0);
    run(s, 1);
    return 0;
}
