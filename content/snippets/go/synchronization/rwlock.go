// A sync.RWMutex: readers hold RLock together, a writer holds Lock alone, and once a writer is waiting,
// new readers wait too. Writers keep a pair of numbers equal, but set them 1 ms apart: a reader that
// looked during a write would see them differ. Atomic instruments count torn reads and crowded writes.
package main

import (
	"fmt"
	"sync"
	"sync/atomic"
	"time"
)

const readers, writers, reads, writes = 4, 2, 20, 5

var (
	rw                                   sync.RWMutex
	a, b                                 int // guarded by rw
	readersIn, writersIn, maxReaders     atomic.Int32
	readCount, writeCount, torn, crowded atomic.Int32
)

func reader() {
	for i := 0; i < reads; i++ {
		rw.RLock()
		inside := readersIn.Add(1)
		for m := maxReaders.Load(); inside > m && !maxReaders.CompareAndSwap(m, inside); m = maxReaders.Load() {
		} // atomic maximum: a CAS loop
		first := a
		time.Sleep(2 * time.Millisecond) // a slow read: time for other readers to come in too
		if first != b {
			torn.Add(1)
		}
		readersIn.Add(-1)
		readCount.Add(1)
		rw.RUnlock()
		time.Sleep(time.Millisecond)
	}
}

func writer(me int) {
	for i := 1; i <= writes; i++ {
		rw.Lock()
		if writersIn.Add(1) != 1 || readersIn.Load() != 0 {
			crowded.Add(1)
		}
		a = me*1_000 + i
		time.Sleep(time.Millisecond) // the pair is inconsistent now: nobody may look
		b = me*1_000 + i
		writersIn.Add(-1)
		writeCount.Add(1)
		rw.Unlock()
		time.Sleep(4 * time.Millisecond)
	}
}

func main() {
	var wg sync.WaitGroup
	for r := 0; r < readers; r++ {
		wg.Add(1)
		go func() { defer wg.Done(); reader() }()
	}
	for w := 1; w <= writers; w++ {
		wg.Add(1)
		go func(me int) { defer wg.Done(); writer(me) }(w)
	}
	wg.Wait()
	fmt.Printf("%d reads, %d writes; torn reads: %d, writers not alone: %d\n", readCount.Load(), writeCount.Load(), torn.Load(), crowded.Load())
	overlapped := "no" // "no" would mean the lock behaved like a plain mutex
	if maxReaders.Load() >= 2 {
		overlapped = "yes"
	}
	fmt.Println("readers overlapped:", overlapped)
}
