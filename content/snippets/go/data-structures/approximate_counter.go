// An approximate ("sloppy") counter against one locked counter (OSTEP ch. 29). Each goroutine counts
// in a slot of its own, on its own cache line, and folds S counts into the global count under the
// global mutex; the global count trails the true count by what sits in the slots, at most
// goroutines x (S - 1). A second, untimed run samples that lag while they count.
package main

import (
	"fmt"
	"sync"
	"sync/atomic"
	"time"
)

const (
	workers = 4
	n       = 1_000_000
	s       = 1024
)

type slot struct {
	count atomic.Int64
	_     [56]byte // pad to 64 bytes: no two goroutines write one cache line
}

type approximate struct {
	mu     sync.Mutex
	global int64 // read and written only under mu
	slots  [workers]slot
}

func (c *approximate) count(me int) {
	var local int64
	for i := 0; i < n; i++ {
		local++
		if local >= s { // fold: the only moment this goroutine touches contended memory
			c.mu.Lock()
			c.global += local
			c.mu.Unlock()
			local = 0
		}
		c.slots[me].count.Store(local)
	}
	c.mu.Lock() // done: fold the rest, so the count ends exact
	c.global += local
	c.mu.Unlock()
	c.slots[me].count.Store(0)
}

func main() {
	var mu sync.Mutex
	var precise int64
	var wg sync.WaitGroup
	t0 := time.Now()
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < n; i++ {
				mu.Lock()
				precise++
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	lockMs := time.Since(t0).Seconds() * 1000

	// Timed: the goroutines alone. Then again, untimed, while main samples the lag.
	var c approximate
	t0 = time.Now()
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func(me int) {
			defer wg.Done()
			c.count(me)
		}(w)
	}
	wg.Wait()
	approxMs := time.Since(t0).Seconds() * 1000

	var sampled approximate
	var running atomic.Int32
	running.Store(workers)
	for w := 0; w < workers; w++ {
		go func(me int) {
			sampled.count(me)
			running.Add(-1)
		}(w)
	}
	var lag int64
	for running.Load() > 0 { // the lag now: counted by the goroutines, not yet in global
		var sum int64
		for i := range sampled.slots {
			sum += sampled.slots[i].count.Load()
		}
		if sum > lag {
			lag = sum
		}
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	fmt.Printf("%d threads x %d, S = %d: one lock %d in %.0f ms, approximate %d in %.0f ms; largest lag seen %d of at most %d\n",
		workers, n, s, precise, lockMs, c.global, approxMs, lag, workers*(s-1))
}
