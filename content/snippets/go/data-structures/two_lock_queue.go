// The Michael–Scott two-lock queue (PODC 1996, the blocking algorithm): a linked list with a dummy
// node, a mutex for the head and another for the tail. Enqueue takes only the tail mutex, dequeue
// only the head mutex; the dummy keeps them apart. The one field both may touch at once is the
// dummy's next in an empty queue, so it is an atomic.Pointer: the Store publishes the whole node.
// Two producers and two consumers move 200,000 items each; the program checks that every item comes
// out exactly once and that each producer's items come out in the order it put them in.
package main

import (
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"
)

const (
	producers = 2
	consumers = 2
	n         = 200_000
)

type node struct {
	value int64
	next  atomic.Pointer[node]
}

type twoLockQueue struct {
	headMu, tailMu sync.Mutex
	head, tail     *node // head under headMu, tail under tailMu
}

func newQueue() *twoLockQueue {
	dummy := &node{}
	return &twoLockQueue{head: dummy, tail: dummy}
}

func (q *twoLockQueue) enqueue(v int64) {
	nd := &node{value: v} // private until linked in
	q.tailMu.Lock()
	q.tail.next.Store(nd)
	q.tail = nd
	q.tailMu.Unlock()
}

// dequeue returns the first item, or false if the queue is empty.
func (q *twoLockQueue) dequeue() (int64, bool) {
	q.headMu.Lock()
	defer q.headMu.Unlock()
	first := q.head.next.Load()
	if first == nil {
		return 0, false
	}
	q.head = first // the first item's node becomes the new dummy
	return first.value, true
}

func main() {
	q := newQueue()
	seen := make([]atomic.Bool, producers*n)
	var taken, problems atomic.Int64
	var wg sync.WaitGroup
	for p := 0; p < producers; p++ {
		wg.Add(1)
		go func(p int64) {
			defer wg.Done()
			for i := int64(0); i < n; i++ {
				q.enqueue(p*n + i)
			}
		}(int64(p))
	}
	for c := 0; c < consumers; c++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			last := make([]int64, producers) // per producer, the last item this consumer saw
			for i := range last {
				last[i] = -1
			}
			for taken.Load() < producers*n {
				v, ok := q.dequeue()
				if !ok {
					runtime.Gosched()
					continue
				}
				taken.Add(1)
				if seen[v].Swap(true) { // came out twice
					problems.Add(1)
				}
				if v <= last[v/n] { // out of its producer's order
					problems.Add(1)
				}
				last[v/n] = v
			}
		}()
	}
	wg.Wait()
	missing := 0
	for i := range seen {
		if !seen[i].Load() {
			missing++
		}
	}
	fmt.Printf("%d producers x %d items, %d consumers: %d out, %d missing, %d duplicated or out of order\n",
		producers, n, consumers, taken.Load(), missing, problems.Load())
}
