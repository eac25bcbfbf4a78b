// The same counter with a sync.Mutex: the total is always exact. sync.WaitGroup waits for both goroutines.
package main

import (
	"fmt"
	"sync"
	"sync/atomic"
)

const (
	goroutines     = 2
	addsPerRoutine = 50_000_000
)

var (
	mu      sync.Mutex
	counter int // guarded by mu
)

// Spin, do not block, until every goroutine is running: a parked goroutine takes a while to be woken
// on another core, and a short race can be over before the second one gets going.
var running atomic.Int32

func startLine() {
	running.Add(1)
	for running.Load() < goroutines {
	}
}

// increment holds the lock for exactly one update; the deferred Unlock runs however the function
// returns, even if it panics.
func increment() {
	mu.Lock()
	defer mu.Unlock()
	counter++
}

func main() {
	var done sync.WaitGroup
	for g := 0; g < goroutines; g++ {
		done.Add(1) // before `go`, so that Wait cannot run ahead of a goroutine that has not started
		go func() {
			defer done.Done()
			startLine()
			for i := 0; i < addsPerRoutine; i++ {
				increment()
			}
		}()
	}
	done.Wait() // also makes every write the goroutines made visible here

	expected := goroutines * addsPerRoutine
	fmt.Printf("expected %d, got %d (lost %d)\n", expected, counter, expected-counter)
}
