// A buffered channel of capacity 2 works as a semaphore: at most two of six goroutines are inside at once.
// Sending takes a permit (it blocks while the buffer is full); receiving gives one back. Each goroutine
// visits twice and holds its place for 30 ms; a tally under its own mutex records the most inside.
package main

import (
	"fmt"
	"sync"
	"time"
)

const workers, slotCount, rounds = 6, 2, 2

func main() {
	slots := make(chan struct{}, slotCount)
	var tally sync.Mutex
	inside, maxInside, visits := 0, 0, 0 // guarded by tally

	var done sync.WaitGroup
	for i := 0; i < workers; i++ {
		done.Add(1)
		go func() {
			defer done.Done()
			for r := 0; r < rounds; r++ {
				slots <- struct{}{} // acquire: blocks while both permits are taken
				tally.Lock()
				inside++
				if inside > maxInside {
					maxInside = inside
				}
				tally.Unlock()
				time.Sleep(30 * time.Millisecond) // the work that needs one of the limited slots
				tally.Lock()
				inside--
				visits++
				tally.Unlock()
				<-slots // release
			}
		}()
	}
	done.Wait()
	fmt.Printf("%d visits by %d goroutines; at most %d inside at once (limit %d)\n", visits, workers, maxInside, slotCount)
}
