// A start signal and a stop flag. In Go an event is a channel that is closed once: a receive from a
// closed channel returns at once, for every goroutine, forever. A select with a default case reads it
// without blocking.
package main

import (
	"fmt"
	"sync"
	"sync/atomic"
	"time"
)

const workers = 3

func main() {
	goSignal := make(chan struct{})
	stop := make(chan struct{})
	var chunks [workers]atomic.Int64
	var stopped atomic.Int32

	var wg sync.WaitGroup
	for i := 0; i < workers; i++ {
		wg.Add(1)
		go func(me int) {
			defer wg.Done()
			<-goSignal // blocks until main closes the channel
			acc := 0
			for {
				select {
				case <-stop:
					stopped.Add(1)
					_ = acc
					return
				default: // not stopped yet: one short chunk of work
				}
				for k := 0; k < 20_000; k++ {
					acc = acc*31 + k
				}
				chunks[me].Add(1)
			}
		}(i)
	}
	time.Sleep(50 * time.Millisecond) // set-up the goroutines must not overlap with
	for i := range chunks {
		if chunks[i].Load() != 0 {
			panic("a worker ran before go")
		}
	}
	fmt.Println("go")
	close(goSignal) // releases every waiting goroutine
	time.Sleep(200 * time.Millisecond)
	fmt.Println("stop")
	close(stop)
	wg.Wait()
	worked := 0
	for i := range chunks {
		if chunks[i].Load() > 0 {
			worked++
		}
	}
	fmt.Printf("%d of %d workers stopped cleanly; %d of them did work after go\n", stopped.Load(), workers, worked)
}
