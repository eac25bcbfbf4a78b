// The bounded buffer from two counting semaphores and a mutex (OSTEP, chapter 31), in Go. Go has no
// semaphore in its standard library; a buffered channel is one: sending takes a permit (it blocks while
// the channel is full), receiving gives one back. `empty` starts with a permit per slot, `full` with none.
// Each goroutine waits on its semaphore first and locks the mutex second: the other order deadlocks.
// (In real Go the whole buffer is one line, make(chan int, 4); this spells out what such a channel does.)
// Two producers put 5,000 numbered items each through 4 slots; two consumers take 5,000 each.
package main

import (
	"fmt"
	"sync"
	"sync/atomic"
)

const producers, consumers, n, slots = 2, 2, 5000, 4

type semaphore chan struct{}

func (s semaphore) acquire() { <-s }
func (s semaphore) release() { s <- struct{}{} }

func main() {
	var buffer [slots]int
	fill, use := 0, 0 // guarded by mutex
	empty := make(semaphore, slots)
	full := make(semaphore, slots)
	for i := 0; i < slots; i++ {
		empty.release() // every slot starts free
	}
	var mutex sync.Mutex
	total := producers * n
	seen := make([]atomic.Int32, total)

	var wg sync.WaitGroup
	for p := 0; p < producers; p++ {
		wg.Add(1)
		go func(first int) {
			defer wg.Done()
			for item := first; item < first+n; item++ {
				empty.acquire() // wait for a free slot, holding nothing
				mutex.Lock()
				buffer[fill] = item
				fill = (fill + 1) % slots
				mutex.Unlock()
				full.release() // one more item
			}
		}(p * n)
	}
	for c := 0; c < consumers; c++ {
		wg.Add(1)
		go func(share int) {
			defer wg.Done()
			for k := 0; k < share; k++ {
				full.acquire() // wait for an item, holding nothing
				mutex.Lock()
				item := buffer[use]
				use = (use + 1) % slots
				mutex.Unlock()
				empty.release() // one more free slot
				seen[item].Add(1)
			}
		}(total / consumers)
	}
	wg.Wait()
	consumed, missing, twice := 0, 0, 0
	for i := range seen {
		s := int(seen[i].Load())
		consumed += s
		if s == 0 {
			missing++
		}
		if s > 1 {
			twice++
		}
	}
	fmt.Printf("%d of %d items consumed, %d missing, %d twice\n", consumed, total, missing, twice)
}
