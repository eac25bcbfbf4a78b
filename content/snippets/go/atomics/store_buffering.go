// Store buffering, the classic litmus test: x and y start at 0, then in each round
//
//	T1: x = 1; r1 = y        T2: y = 1; r2 = x
//
// Can both goroutines read 0? Not with sync/atomic: the Go memory model (2022) says its operations
// behave as if executed in one sequentially consistent order, so whichever store comes first, the
// other goroutine's load comes after it. Go offers no weaker atomics, and with plain variables this
// program would be a data race (go run -race reports it), so this one shows only the guarantee:
// a million rounds, and never both 0. (A copy with a plain store and load in place of mine.Store and
// theirs.Load, racy on purpose, read 0 on both sides in 0.3-0.7% of rounds on our 2-core x86 machine:
// the harness does catch the reordering when it happens.)
package main

import (
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"
)

const rounds = 1_000_000

type padded struct {
	atomic.Int32
	_ [60]byte // one cache line each
}

var (
	x, y              padded
	arrived, finished padded
	reads             [2]atomic.Int32
)

// waitFor spins until line reaches target, so that both goroutines leave at once; now and then it
// yields, so that on a busy machine the other goroutine gets a core.
func waitFor(line *padded, target int32) {
	for spins := 1; line.Load() < target; spins++ {
		if spins%100_000 == 0 {
			runtime.Gosched()
		}
	}
}

func side(me int, bothZero *int) {
	mine, theirs := &x, &y
	if me == 1 {
		mine, theirs = &y, &x
	}
	seed := uint32(0x9e3779b9) ^ uint32(me+1)
	for round := int32(1); round <= rounds; round++ {
		arrived.Add(1)
		waitFor(&arrived, 2*round)
		// A random pause lines the two goroutines' accesses up in some rounds.
		seed ^= seed << 13
		seed ^= seed >> 17
		seed ^= seed << 5
		for d := seed & 255; d > 0; d-- {
			reads[me].Load() // something the compiler keeps
		}
		mine.Store(1)
		reads[me].Store(theirs.Load())
		finished.Add(1)
		waitFor(&finished, 2*round)
		// T1 alone counts and resets; T2 cannot start the next round before T1 arrives again.
		if me == 0 {
			if reads[0].Load() == 0 && reads[1].Load() == 0 {
				*bothZero++
			}
			x.Store(0)
			y.Store(0)
		}
	}
}

func main() {
	var bothZero int
	var wg sync.WaitGroup
	wg.Add(1)
	go func() { defer wg.Done(); side(1, nil) }()
	side(0, &bothZero)
	wg.Wait()
	fmt.Printf("atomic: both read 0 in %d of %d rounds\n", bothZero, rounds)
}
