// A thread shares its process's memory; a forked child gets its own copy of it.
// Build and run: g++ -O2 -pthread who_sees_what.cpp -o who_sees_what && ./who_sees_what
#include <cstdio>
#include <pthread.h>
#include <sys/wait.h>
#include <unistd.h>

static int counter = 0;  // one global variable, in the process's data segment
static pid_t pid_seen_by_thread, tid_seen_by_thread;

static void *thread_body(void *) {
    counter += 1;  // there is only one `counter`: main will see this write
    pid_seen_by_thread = getpid();
    tid_seen_by_thread = gettid();
    return nullptr;
}

static const char *yes_no(bool b) { return b ? "yes" : "no"; }

int main() {
    pthread_t thread;
    pthread_create(&thread, nullptr, thread_body, nullptr);
    pthread_join(thread, nullptr);
    std::printf("after the thread: counter = %d\n", counter);
    std::printf("thread has the process's PID: %s\n", yes_no(pid_seen_by_thread == getpid()));
    std::printf("thread has a TID of its own:  %s\n", yes_no(tid_seen_by_thread != gettid()));
    std::printf("main thread's TID is the PID: %s\n", yes_no(gettid() == getpid()));

    std::fflush(stdout);  // else the child inherits unprinted text in the stdio buffer and prints it again
    const pid_t parent = getpid();
    const pid_t child = fork();
    if (child == 0) {
        counter += 100;  // first write to this page: the kernel copies it for the child only
        std::printf("in the child:     counter = %d (new PID: %s)\n", counter, yes_no(getpid() != parent));
        std::fflush(stdout);
        _exit(0);
    }
    waitpid(child, nullptr, 0);
    std::printf("after the child:  counter = %d\n", counter);
    return 0;
}
