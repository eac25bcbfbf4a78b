// The same counter as an atomic.Int64 (Go 1.19+): Add is one indivisible read-modify-write, so no update
// is lost and no lock is taken.
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
			startLine()
			for i := 0; i < addsPerRoutine; i++ {
				counter.Add(1)
			}
		}()
	}
	done.Wait()

	expected := int64(goroutines * addsPerRoutine)
	got := counter.Load()
	fmt.Printf("expected %d, got %d (lost %d)\n", expected, got, expected-got)
}
