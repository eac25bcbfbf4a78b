// A semaphore built from a mutex, a condition variable and an int: OSTEP's Zemaphore (chapter 31), with
// sync.Mutex and sync.Cond. wait() sleeps while the value is 0 and only then decrements, so the value
// never goes below 0 (Dijkstra's definition lets it go negative, counting the sleepers). Used with 1 it is
// a lock around `total++`; used with 0 it is a signal that each goroutine posts when it is done.
package main

import (
	"fmt"
	"sync"
)

type zemaphore struct {
	mu      sync.Mutex
	changed *sync.Cond
	value   int // guarded by mu
	lowest  int
}

func newZemaphore(value int) *zemaphore {
	z := &zemaphore{value: value, lowest: value}
	z.changed = sync.NewCond(&z.mu)
	return z
}

func (z *zemaphore) wait() {
	z.mu.Lock()
	for z.value <= 0 { // wait first ...
		z.changed.Wait()
	}
	z.value-- // ... decrement after: never below 0
	if z.value < z.lowest {
		z.lowest = z.value
	}
	z.mu.Unlock()
}

func (z *zemaphore) post() {
	z.mu.Lock()
	z.value++
	z.changed.Signal()
	z.mu.Unlock()
}

func (z *zemaphore) lowestValue() int {
	z.mu.Lock()
	defer z.mu.Unlock()
	return z.lowest
}

const goroutines, n = 4, 10000

func main() {
	mutex, done := newZemaphore(1), newZemaphore(0)
	total := 0 // guarded by the mutex zemaphore
	for g := 0; g < goroutines; g++ {
		go func() {
			for i := 0; i < n; i++ {
				mutex.wait()
				total++ // without the zemaphore, a data race
				mutex.post()
			}
			done.post()
		}()
	}
	for g := 0; g < goroutines; g++ {
		done.wait() // one post per finished goroutine
	}
	lowest := mutex.lowestValue()
	if d := done.lowestValue(); d < lowest {
		lowest = d
	}
	fmt.Printf("total %d of %d; the lowest value was %d\n", total, goroutines*n, lowest)
}
