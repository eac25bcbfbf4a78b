// Little's law and pool size: requests arrive at 250 per second and each waits 20 ms; a worker
// pool of N goroutines serves them. Throughput is N / W until N reaches λW = 5, then the arrival
// rate. A goroutine blocked in a sleep (or a network read) holds no core, so pool size here is a
// matter of concurrency, not of CPUs.
//
// Requests are offered for 0.3 s on a fixed timetable; completions are counted in a 0.3 s window
// that starts one wait later. After the window, queued requests are skipped.
package main

import (
	"fmt"
	"sync"
	"sync/atomic"
	"time"
)

const (
	rate   = 250
	wait   = 20 * time.Millisecond
	window = 300 * time.Millisecond
)

func throughput(n int) float64 {
	requests := make(chan struct{}, rate) // room for every request of the window
	var closed atomic.Bool
	var counted atomic.Int32
	start := time.Now()
	from, to := start.Add(wait), start.Add(wait+window)
	var wg sync.WaitGroup
	for w := 0; w < n; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range requests {
				if closed.Load() {
					continue // the window is over: skip what is still queued
				}
				time.Sleep(wait) // the database call
				if t := time.Now(); !t.Before(from) && !t.After(to) {
					counted.Add(1)
				}
			}
		}()
	}
	for i := 0; i < int(rate*window.Seconds()); i++ {
		time.Sleep(time.Until(start.Add(time.Duration(i) * time.Second / rate)))
		requests <- struct{}{}
	}
	time.Sleep(time.Until(to) + 2*time.Millisecond)
	closed.Store(true)
	close(requests)
	wg.Wait()
	return float64(counted.Load()) / window.Seconds()
}

func main() {
	measured := map[int]float64{}
	for _, n := range []int{1, 2, 4, 6, 8} {
		measured[n] = throughput(n)
		little := float64(n) / wait.Seconds()
		if little > rate {
			little = rate
		}
		fmt.Printf("pool of %d: %.0f requests/s (Little: %.0f)\n", n, measured[n], little)
	}
	fmt.Printf("4 workers / 1 worker: %.2fx; 8 workers / 6 workers: %.2fx\n", measured[4]/measured[1], measured[8]/measured[6])
}
