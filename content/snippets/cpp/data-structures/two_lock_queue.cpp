// The Michael–Scott two-lock queue (PODC 1996, the blocking algorithm): a linked list with a dummy
// node, a lock for the head and another for the tail. Enqueue takes only the tail lock, dequeue only
// the head lock; the dummy keeps them apart. The one word both may touch at once is the dummy's
// `next` in an empty queue (enqueue writes it, dequeue reads it), so it is an atomic: release on the
// write publishes the new node, acquire on the read sees it whole.
// Two producers and two consumers move 200,000 items each; the program checks that every item comes
// out exactly once and that each producer's items come out in the order it put them in.
#include <atomic>
#include <cstdio>
#include <mutex>
#include <thread>
#include <vector>

constexpr int kProducers = 2, kConsumers = 2;
constexpr long kN = 200'000;

struct Node {
    long value;
    std::atomic<Node *> next{nullptr};
};

class TwoLockQueue {
    Node *head_, *tail_;  // head_ under head_lock_, tail_ under tail_lock_
    std::mutex head_lock_, tail_lock_;

public:
    TwoLockQueue() : head_(new Node{0}), tail_(head_) {}  // the dummy
    ~TwoLockQueue() {
        for (Node *n = head_; n != nullptr;) {
            Node *next = n->next.load();
            delete n;
            n = next;
        }
    }
    void enqueue(long v) {
        Node *n = new Node{v};  // private until linked in
        std::lock_guard<std::mutex> g(tail_lock_);
        tail_->next.store(n, std::memory_order_release);
        tail_ = n;
    }
    bool dequeue(long &out) {
        std::unique_lock<std::mutex> g(head_lock_);
        Node *dummy = head_;
        Node *first = dummy->next.load(std::memory_order_acquire);
        if (first == nullptr) return false;  // empty
        out = first->value;
        head_ = first;  // the first item's node becomes the new dummy
        g.unlock();
        delete dummy;  // no other thread can reach the old dummy any more
        return true;
    }
};

int main() {
    TwoLockQueue q;
    std::vector<std::atomic<char>> seen(kProducers * kN);
    std::atomic<long> taken{0};
    std::atomic<long> problems{0};
    std::vector<std::thread> ts;
    for (int p = 0; p < kProducers; p++)
        ts.emplace_back([&, p] {
            for (long i = 0; i < kN; i++) q.enqueue(p * kN + i);
        });
    for (int c = 0; c < kConsumers; c++)
        ts.emplace_back([&] {
            std::vector<long> last(kProducers, -1);  // per producer, the last item this consumer saw
            long v;
            while (taken.load() < kProducers * kN) {
                if (!q.dequeue(v)) {
                    std::this_thread::yield();
                    continue;
                }
                taken.fetch_add(1);
                if (seen[v].exchange(1) != 0) problems++;       // came out twice
                if (v <= last[v / kN]) problems++;              // out of its producer's order
                last[v / kN] = v;
            }
        });
    for (auto &t : ts) t.join();
    long missing = 0;
    for (auto &s : seen) missing += s.load() == 0;
    std::printf("%d producers x %ld items, %d consumers: %ld out, %ld missing, %ld duplicated or out of order\n",
                kProducers, kN, kConsumers, taken.load(), missing, problems.load());
}
