// Priority inversion, and priority inheritance curing it, with real-time threads on one CPU.
//
// Three SCHED_FIFO threads share CPU 0: LOW (priority 10) holds a mutex for 20 ms of work, HIGH (30)
// wants the same mutex, and MEDIUM (20), which never touches the mutex, computes for 200 ms. Under
// SCHED_FIFO the highest-priority runnable thread always runs, so:
//   - PTHREAD_PRIO_NONE: HIGH blocks on the mutex, MEDIUM preempts LOW, and HIGH waits for all of
//     MEDIUM's 200 ms plus LOW's 20 ms: a thread of middling priority delays the most urgent one.
//   - PTHREAD_PRIO_INHERIT: while HIGH waits for the mutex, the kernel runs LOW at HIGH's priority
//     (glibc uses a PI futex, FUTEX_LOCK_PI, and the kernel's rt_mutex boosts the owner), so MEDIUM
//     cannot preempt it, and HIGH waits only for LOW's 20 ms.
// The program checks that result itself and exits with status 1 if inheritance did not help.
//
// It needs the right to use real-time priorities (root, or CAP_SYS_NICE, or an RLIMIT_RTPRIO of at
// least 31). Without it, it prints one "skipped:" line and exits 0: it cannot show anything then.
// The busy threads are bounded (200 ms and 20 ms), and everything runs on CPU 0 only.
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <semaphore.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static pthread_mutex_t bus;  // the shared resource, as Pathfinder's information bus
static sem_t low_holds_it;   // LOW tells main it has the mutex
static double high_waited_ms;

static double now_ms(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

// Computes for `ms` of this thread's own CPU time (time it spends preempted does not count).
static void work_cpu_ms(double ms) {
  struct timespec t;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  double end = t.tv_sec * 1e3 + t.tv_nsec / 1e6 + ms;
  do clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  while (t.tv_sec * 1e3 + t.tv_nsec / 1e6 < end);
}

static void *low(void *arg) {
  (void)arg;
  pthread_mutex_lock(&bus);
  sem_post(&low_holds_it);
  work_cpu_ms(20);
  pthread_mutex_unlock(&bus);
  return NULL;
}

static void *medium(void *arg) {
  (void)arg;
  double end = now_ms() + 200;  // wall time: it keeps the CPU for 200 ms unless someone outranks it
  while (now_ms() < end) {}
  return NULL;
}

static void *high(void *arg) {
  (void)arg;
  double t0 = now_ms();
  pthread_mutex_lock(&bus);
  high_waited_ms = now_ms() - t0;
  pthread_mutex_unlock(&bus);
  return NULL;
}

static int start(pthread_t *t, void *(*fn)(void *), int priority) {
  pthread_attr_t a;
  struct sched_param p = {.sched_priority = priority};
  pthread_attr_init(&a);
  pthread_attr_setinheritsched(&a, PTHREAD_EXPLICIT_SCHED);  // else the thread copies main's policy
  pthread_attr_setschedpolicy(&a, SCHED_FIFO);
  pthread_attr_setschedparam(&a, &p);
  int err = pthread_create(t, &a, fn, NULL);
  pthread_attr_destroy(&a);
  return err;
}

// One scenario: returns how long HIGH waited for the mutex, in ms, or -1 if a thread could not start.
static double scenario(int protocol) {
  pthread_mutexattr_t ma;
  pthread_mutexattr_init(&ma);
  pthread_mutexattr_setprotocol(&ma, protocol);
  pthread_mutex_init(&bus, &ma);
  pthread_mutexattr_destroy(&ma);
  sem_init(&low_holds_it, 0, 0);

  pthread_t l, m, h;
  if (start(&l, low, 10) != 0) return -1;
  sem_wait(&low_holds_it);  // main (priority 40) sleeps here, so LOW runs and takes the mutex
  // Main outranks all three, so neither new thread runs until main blocks in join below.
  if (start(&h, high, 30) != 0 || start(&m, medium, 20) != 0) return -1;
  pthread_join(h, NULL);  // now HIGH runs first, blocks on the mutex, and the scheduler picks again
  pthread_join(m, NULL);
  pthread_join(l, NULL);
  pthread_mutex_destroy(&bus);
  sem_destroy(&low_holds_it);
  return high_waited_ms;
}

int main(void) {
  cpu_set_t one;
  CPU_ZERO(&one);
  CPU_SET(0, &one);
  if (sched_setaffinity(0, sizeof one, &one) != 0) {  // one CPU: the threads must take turns
    perror("sched_setaffinity");
    return 1;
  }
  struct sched_param p = {.sched_priority = 40};
  if (sched_setscheduler(0, SCHED_FIFO, &p) != 0) {
    printf("skipped: SCHED_FIFO needs root or CAP_SYS_NICE (sched_setscheduler: %s)\n", strerror(errno));
    return 0;
  }
  double none = scenario(PTHREAD_PRIO_NONE);
  double inherit = scenario(PTHREAD_PRIO_INHERIT);
  if (none < 0 || inherit < 0) {
    printf("skipped: could not start a SCHED_FIFO thread\n");
    return 0;
  }
  printf("PTHREAD_PRIO_NONE: HIGH waited %.0f ms for the mutex\n", none);
  printf("PTHREAD_PRIO_INHERIT: HIGH waited %.0f ms for the mutex\n", inherit);
  // MEDIUM's 200 ms should be in the first wait and not in the second.
  int ok = none >= 150 && inherit < 100;
  printf("priority inheritance took MEDIUM out of HIGH's wait: %s\n", ok ? "yes" : "no");
  return ok ? 0 : 1;
}
