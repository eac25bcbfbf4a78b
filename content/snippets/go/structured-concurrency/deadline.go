// A deadline that cancels: context.WithTimeout gives a group of requests 300 ms. Requests that
// answer in time send their replies; the others see ctx.Done() close, return, and run their defer.
// The WaitGroup makes the group wait for all of them before it reports.
package main

import (
	"context"
	"fmt"
	"sort"
	"sync"
	"time"
)

func fetch(ctx context.Context, replica int, latency time.Duration, replies chan<- int, mu *sync.Mutex, cancelled *[]int, cleanups *int) {
	defer func() { mu.Lock(); *cleanups++; mu.Unlock() }()
	select {
	case <-time.After(latency):
		replies <- replica
	case <-ctx.Done(): // the deadline passed: ctx.Err() is context.DeadlineExceeded
		mu.Lock()
		*cancelled = append(*cancelled, replica)
		mu.Unlock()
	}
}

func main() {
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	latencies := []time.Duration{10 * time.Millisecond, 20 * time.Millisecond, time.Second, 2 * time.Second}
	replies := make(chan int, len(latencies))
	var mu sync.Mutex
	var cancelled []int
	cleanups := 0
	var wg sync.WaitGroup
	for i, l := range latencies {
		wg.Add(1)
		go func(replica int, latency time.Duration) {
			defer wg.Done()
			fetch(ctx, replica, latency, replies, &mu, &cancelled, &cleanups)
		}(i+1, l)
	}
	wg.Wait() // returns at about 300 ms: the late requests were cancelled, not waited for
	close(replies)
	var got []int
	for r := range replies {
		got = append(got, r)
	}
	sort.Ints(got)
	sort.Ints(cancelled)
	fmt.Printf("%v: replied in time %v, cancelled %v\n", ctx.Err(), got, cancelled)
	fmt.Printf("cleanup ran in %d of 4\n", cleanups)
}
