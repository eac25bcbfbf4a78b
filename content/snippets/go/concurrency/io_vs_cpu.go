// Four tasks that wait, and four tasks that compute, each run one after another and then on four
// goroutines. A sleeping goroutine (time.Sleep stands in for a network or disk request) occupies no
// OS thread and no CPU, so four of them wait at the same time: about four times faster on any
// machine. Computing goroutines need a CPU each: their speedup stops at the number of free cores
// (GOMAXPROCS, by default the CPU count).
package main

import (
	"fmt"
	"sync"
	"sync/atomic"
	"time"
)

const tasks = 4

var sink atomic.Uint32 // keeps the computed values, so the loops cannot be dropped

func waitTask() {
	for i := 0; i < 4; i++ {
		time.Sleep(50 * time.Millisecond)
	}
}

func computeTask() {
	x := uint32(2463534242)
	for i := 0; i < 100_000_000; i++ { // xorshift: each step depends on the one before
		x ^= x << 13
		x ^= x >> 17
		x ^= x << 5
	}
	sink.Add(x)
}

func timed(task func(), concurrent bool) time.Duration {
	start := time.Now()
	if concurrent {
		var wg sync.WaitGroup
		for i := 0; i < tasks; i++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				task()
			}()
		}
		wg.Wait()
	} else {
		for i := 0; i < tasks; i++ {
			task()
		}
	}
	return time.Since(start)
}

func main() {
	kinds := []struct {
		label string
		task  func()
	}{{"I/O-bound", waitTask}, {"CPU-bound", computeTask}}
	for _, k := range kinds {
		seq := timed(k.task, false).Seconds()
		par := timed(k.task, true).Seconds()
		fmt.Printf("%s: %d tasks, one after another %.2f s, %d goroutines %.2f s, speedup %.2fx\n", k.label, tasks, seq, tasks, par, seq/par)
	}
}
