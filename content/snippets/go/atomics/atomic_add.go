// The racy counter with one change: each increment is Add on an atomic.Int32 (Go 1.19+), one indivisible
// read-modify-write (lock xadd on x86). No update can be lost, and there is no lock to wait for.
package main

import (
	"fmt"
	"sync"
	"sync/atomic"
)

const goroutines, n = 2, 1_000_000

func main() {
	var total atomic.Int32
	var wg sync.WaitGroup
	for g := 0; g < goroutines; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < n; i++ {
				total.Add(1) // returns the new value (Atomics.add returns the old one)
			}
		}()
	}
	wg.Wait()
	fmt.Printf("expected %d, got %d\n", goroutines*n, total.Load())
}
