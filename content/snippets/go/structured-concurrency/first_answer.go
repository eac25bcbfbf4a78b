// A search group with goroutines: the first answer cancels the rest through a context, and the
// group waits for every goroutine before it returns (the errgroup pattern, written out with a
// sync.WaitGroup: golang.org/x/sync/errgroup is not in the standard library).
//
// A goroutine cannot be killed from outside. Each searcher selects on ctx.Done() while it waits
// for its next step: that select is its cancellation point. Cleanup runs in a defer.
package main

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
	"time"
)

func searcher(ctx context.Context, cancel context.CancelFunc, steps int, finds bool, cancelled, cleanups *atomic.Int32) {
	defer cleanups.Add(1) // close the connection, however we leave
	for i := 0; i < steps; i++ {
		select {
		case <-ctx.Done(): // cancelled: stop at once
			cancelled.Add(1)
			return
		case <-time.After(10 * time.Millisecond): // the next page arrived
		}
	}
	if finds {
		cancel() // first answer: cancel the others
	}
}

func main() {
	const n = 4
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel() // releases the context's resources on every path (go vet checks for it)
	var cancelled, cleanups atomic.Int32
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		steps, finds := 40, false
		if i == n-1 {
			steps, finds = 3, true
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			searcher(ctx, cancel, steps, finds, &cancelled, &cleanups)
		}()
	}
	<-ctx.Done() // the first answer
	wg.Wait()    // structured: the group ends only when every goroutine has
	fmt.Printf("ctx.Err(): %v\n", ctx.Err())
	fmt.Printf("cancelled: %d of 3; cleanup ran in %d of 4\n", cancelled.Load(), cleanups.Load())
}
