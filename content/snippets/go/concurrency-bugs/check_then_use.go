// An atomicity violation, after the MySQL bug in Lu et al. (ASPLOS 2008): T1 checks that procInfo is not
// nil and then uses it, loading it again; T2 keeps setting it to nil and back. procInfo is an
// atomic.Pointer, so every load and store is atomic and there is no data race (go run -race agrees): the
// bug is that the check and the use are two steps. The program counts the uses that read nil after a
// passed check (in MySQL, fputs(NULL) crashed the server). Then it runs again with procInfoLock held
// around the check and the use, and around each store: the count is 0.
package main

import (
	"fmt"
	"sync"
	"sync/atomic"
	"time"
)

var message = "Sending data"

// work is a little work: T1 formats a timestamp between its check and its use, as a logger would, and T2
// keeps each value for a moment, as a real query would. Both widen the window without changing the bug.
func work(steps int) int {
	s := 0
	for k := 0; k < steps; k++ {
		s += k ^ s
	}
	return s
}

func run(locked bool) {
	var procInfo atomic.Pointer[string]
	var procInfoLock sync.Mutex
	var stop atomic.Bool
	var ready sync.WaitGroup
	ready.Add(2)
	procInfo.Store(&message)
	passed, nilUses := 0, 0
	var sinks [2]int // each goroutine's work result, kept so that the compiler keeps the work
	var wg sync.WaitGroup
	wg.Add(2)
	go func() { // T1
		defer wg.Done()
		ready.Done()
		ready.Wait() // both goroutines start at once
		sink := 0
		defer func() { sinks[0] = sink }()
		for !stop.Load() {
			if locked {
				procInfoLock.Lock()
			}
			if procInfo.Load() != nil { // the check ...
				passed++
				sink += work(20)            // format the timestamp
				if procInfo.Load() == nil { // ... and the use: fputs(procInfo) would crash here
					nilUses++
				}
			}
			if locked {
				procInfoLock.Unlock()
			}
		}
	}()
	go func() { // T2
		defer wg.Done()
		ready.Done()
		ready.Wait()
		sink := 0
		defer func() { sinks[1] = sink }()
		for !stop.Load() {
			for _, p := range []*string{nil, &message} { // the query ends, and the next one starts
				if locked {
					procInfoLock.Lock()
				}
				procInfo.Store(p)
				if locked {
					procInfoLock.Unlock()
				}
				sink += work(100)
			}
		}
	}()
	time.Sleep(300 * time.Millisecond) // each version runs for 300 ms: long enough to share the cores on a busy machine
	stop.Store(true)
	wg.Wait()
	name := "without a lock"
	if locked {
		name = "with procInfoLock"
	}
	fmt.Printf("%s: %d of %d passed checks were followed by a NULL use\n", name, nilUses, passed)
	_ = sinks
}

func main() {
	run(false)
	run(true)
}
