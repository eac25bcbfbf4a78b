// Two goroutines add 1 to a shared counter fifty million times each, with no lock.
//
// Each update is a read, then a write: an atomic Load followed by an atomic Store. Each of the two is
// indivisible; the pair is not, so two goroutines that read the same value both write back value + 1,
// and one update is lost. (A plain `counter++` races the same way, and `go run -race` reports it, but on
// x86-64 it compiles to a single `INCQ` instruction: it loses updates only while two cores run it at the
// same moment, never when the goroutines take turns on one core. The two steps show the race either way.)
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

var counter atomic.Int64

// Spin, do not block, until every goroutine is running: a parked goroutine takes a while to be woken
// on another core, and a short race can be over before the second one gets going.
var running atomic.Int32

func startLine() {
	running.Add(1)
	for running.Load() < goroutines {
	}
}

func main() {
	var done sync.WaitGroup
	for g := 0; g < goroutines; g++ {
		done.Add(1)
		go func() {
			defer done.Done()
			startLine() // both goroutines start counting together, each on its own core
			for i := 0; i < addsPerRoutine; i++ {
				seen := counter.Load()  // read
				counter.Store(seen + 1) // write: may overwrite a newer value
			}
		}()
	}
	done.Wait()

	expected := int64(goroutines * addsPerRoutine)
	got := counter.Load()
	fmt.Printf("expected %d, got %d (lost %d)\n", expected, got, expected-got)
}
