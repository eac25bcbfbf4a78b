// Communicating sequential processes in Go: a generator, three workers and a collector, joined only
// by channels. No variable is shared between goroutines, so nothing needs a lock: every hand-over
// is a send on one side and a receive on the other. Closing a channel tells every receiver that no
// more values will come; a WaitGroup tells the collector when all workers are done, so that it can
// close the results channel in turn.
package main

import (
	"fmt"
	"sync"
)

func main() {
	const n = 1000
	const workers = 3

	jobs := make(chan int) // unbuffered: sender and receiver meet
	results := make(chan int)

	go func() {
		for x := 1; x <= n; x++ {
			jobs <- x
		}
		close(jobs) // every worker's range loop ends
	}()

	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for x := range jobs {
				results <- x * x
			}
		}()
	}
	go func() {
		wg.Wait()
		close(results)
	}()

	sum, count := 0, 0
	for y := range results {
		sum += y
		count++
	}
	fmt.Printf("%d squares from %d workers, sum %d\n", count, workers, sum)
	fmt.Printf("sum of squares correct: %v\n", sum == n*(n+1)*(2*n+1)/6)
}
