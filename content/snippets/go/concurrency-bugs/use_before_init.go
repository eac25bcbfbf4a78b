// An order violation, after the Mozilla bug in Lu et al. (ASPLOS 2008). init starts a goroutine and then
// stores a pointer to its record in mThread; the goroutine's first act is to read its state through
// mThread. Nothing makes the store come first. Here init takes 100 ms between the start and the
// assignment (registering the goroutine elsewhere, say), which makes the bad order certain: the goroutine
// dereferences nil and panics (recovered here, to print it). The fix enforces the order: init closes a
// channel after the assignment, and the goroutine receives from it first.
package main

import (
	"fmt"
	"sync/atomic"
	"time"
)

type threadRecord struct{ state string }

var mThread atomic.Pointer[threadRecord]

func initialise(waitForInit bool) {
	mThread.Store(nil)
	initialised := make(chan struct{})
	outcome := make(chan string)
	go func() {
		defer func() {
			if r := recover(); r != nil {
				outcome <- fmt.Sprintf("mMain found mThread not set yet: %v", r)
			}
		}()
		if waitForInit {
			<-initialised // the fix: A (the assignment) before B (this read), enforced
		}
		outcome <- "mMain found mThread set, state " + mThread.Load().state
	}()
	time.Sleep(100 * time.Millisecond)             // init registers the goroutine elsewhere
	mThread.Store(&threadRecord{state: "running"}) // the assignment the goroutine relies on
	close(initialised)
	name := "without a signal"
	if waitForInit {
		name = "with a closed channel"
	}
	fmt.Printf("%s: %s\n", name, <-outcome)
}

func main() {
	initialise(false)
	initialise(true)
}
