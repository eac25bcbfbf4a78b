// Producer-consumer with a buffered channel, Go's built-in blocking queue. Main sends the numbers 2 to
// 20,000 into a channel of 16 places; three goroutines receive them and count primes. A send blocks while
// 16 jobs wait (back-pressure). Instead of one sentinel per worker, main closes the channel: a range loop
// over it ends once the channel is closed and empty.
package main

import (
	"fmt"
	"sync"
	"sync/atomic"
)

const workers, limit = 3, 20_000

func isPrime(x int) bool {
	if x < 2 {
		return false
	}
	for d := 2; d*d <= x; d++ {
		if x%d == 0 {
			return false
		}
	}
	return true
}

func main() {
	jobs := make(chan int, 16)
	var processed, primes atomic.Int64
	var wg sync.WaitGroup
	for i := 0; i < workers; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for x := range jobs { // blocks while the channel is empty; ends when it is closed and drained
				if isPrime(x) {
					primes.Add(1)
				}
				processed.Add(1)
			}
		}()
	}
	for x := 2; x <= limit; x++ {
		jobs <- x // blocks whenever 16 jobs are waiting
	}
	close(jobs) // "no more jobs, ever", to every worker at once
	wg.Wait()
	expected := 0
	for x := 2; x <= limit; x++ {
		if isPrime(x) {
			expected++
		}
	}
	if primes.Load() != int64(expected) {
		panic(fmt.Sprintf("workers found %d primes, main finds %d", primes.Load(), expected))
	}
	fmt.Printf("%d numbers tested by %d goroutines: %d primes, as main counts alone\n", processed.Load(), workers, primes.Load())
}
