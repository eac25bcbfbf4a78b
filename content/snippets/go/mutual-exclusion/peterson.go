// Peterson's algorithm for two goroutines, on sync/atomic.
//
//	flag[me] = 1; turn = other                    I want in, but you first
//	for flag[other] == 1 && turn == other {}      wait while you want in and it is your turn
//	... critical section ...
//	flag[me] = 0
//
// The proof needs each goroutine's store to flag[me] to be visible to the other before it reads
// flag[other]. On x86 a plain store can wait in the store buffer while the next load runs, and then
// both goroutines walk in. Go's atomics rule that out: the Go memory model says all sync/atomic
// operations behave as if executed in one sequentially consistent order, and on x86 the compiler
// makes an atomic store an xchg, which drains the store buffer. Go offers no weaker atomics, so this
// program shows the guarantee: never both inside. (With plain variables it would be a data race.)
package main

import (
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"
	"time"
)

const entries = 100_000

type padded struct {
	atomic.Int32
	_ [60]byte // one cache line each
}

var (
	flag   [2]padded
	turn   padded
	inside padded
	both   atomic.Int64
	sink   atomic.Int32
)

func side(me int32) {
	other := 1 - me
	seed := uint32(0x9e3779b9) ^ uint32(me+1)
	for i := 0; i < entries; i++ {
		flag[me].Store(1)
		turn.Store(other)
		for spins := 1; flag[other].Load() == 1 && turn.Load() == other; spins++ {
			if spins%10_000 == 0 {
				time.Sleep(50 * time.Microsecond) // a busy machine: let the other goroutine run
			}
		}
		// The critical section: announce yourself and look for company on the way in and out.
		company := inside.Add(1) != 1
		if company || inside.Load() != 1 {
			both.Add(1)
		}
		inside.Add(-1)
		flag[me].Store(0)
		// Outside: a random pause of 0-63 steps, so the goroutines sometimes arrive at a free lock together.
		seed ^= seed << 13
		seed ^= seed >> 17
		seed ^= seed << 5
		for d := seed & 63; d > 0; d-- {
			sink.Add(0)
		}
	}
}

func main() {
	if runtime.GOMAXPROCS(0) < 2 {
		runtime.GOMAXPROCS(2) // two goroutines running at once, even on one core
	}
	var wg sync.WaitGroup
	var ready atomic.Int32
	for me := int32(0); me < 2; me++ {
		wg.Add(1)
		go func(me int32) {
			defer wg.Done()
			// Start line: both spin until both are here, so that they run at the same time.
			ready.Add(1)
			for ready.Load() < 2 {
			}
			side(me)
		}(me)
	}
	wg.Wait()
	fmt.Printf("atomic: both inside in %d of %d entries\n", both.Load(), 2*entries)
}
