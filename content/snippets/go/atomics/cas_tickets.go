// A compare-and-swap loop: "take one ticket if any are left" as one atomic step. There is no atomic
// "subtract unless that goes below zero", so: load the pool, decide, and write left - 1 with
// CompareAndSwap(left, left-1), which stores only if the pool still holds `left`. It reports only
// whether it did, so on failure the loop loads the pool again and decides again.
package main

import (
	"fmt"
	"sync"
	"sync/atomic"
)

const goroutines, tickets = 2, 1_000_000

var pool, sold atomic.Int32

func takeTicket() bool {
	for {
		left := pool.Load()
		if left <= 0 {
			return false // sold out, decided on a value we read, nothing written
		}
		if pool.CompareAndSwap(left, left-1) {
			return true // our write went in; otherwise someone changed it first: try again
		}
	}
}

func main() {
	pool.Store(tickets)
	var wg sync.WaitGroup
	for g := 0; g < goroutines; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var mine int32
			for takeTicket() {
				mine++
			}
			sold.Add(mine) // once at the end: an add per sale would be contention of its own
		}()
	}
	wg.Wait()
	if pool.Load() != 0 {
		panic(fmt.Sprintf("the pool ended at %d", pool.Load()))
	}
	fmt.Printf("%d of %d tickets sold, pool at %d\n", sold.Load(), tickets, pool.Load())
}
