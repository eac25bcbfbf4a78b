// Dining philosophers, fixed by ordering the forks: everyone picks up the lower-numbered of their two
// forks first, so the last philosopher reaches for fork 0 and the circular wait cannot close.
package main

import (
	"fmt"
	"sync"
)

const (
	philosophers = 5
	meals        = 20_000 // each
)

func main() {
	var forks [philosophers]sync.Mutex
	var eaten [philosophers]int // one slot each; wg.Wait() makes them visible here
	var wg sync.WaitGroup
	for i := 0; i < philosophers; i++ {
		left, right := i, (i+1)%philosophers
		// The global order: lower-numbered fork first. For P0..P3 that is the left fork; P4, whose
		// forks are 4 and 0, now competes with P0 for fork 0 while holding nothing.
		first, second := &forks[left], &forks[right]
		if right < left {
			first, second = second, first
		}
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			for m := 0; m < meals; m++ {
				first.Lock()
				second.Lock()
				eaten[i]++ // eating, with both forks
				second.Unlock()
				first.Unlock()
			}
		}(i)
	}
	wg.Wait()
	total := 0
	for _, n := range eaten {
		total += n
	}
	fmt.Printf("%d philosophers ate %d meals (expected %d)\n", philosophers, total, philosophers*meals)
}
