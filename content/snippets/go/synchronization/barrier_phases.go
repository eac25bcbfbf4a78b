// Go has no reusable barrier, so here is one from a sync.Mutex and a sync.Cond, with a generation number.
// The last to arrive resets the count first, then starts a new generation and wakes everyone; the others
// sleep while the generation is the one they arrived in. Each goroutine writes the phase into its own
// slot, waits, and reads every slot; the second wait keeps a fast one from writing the next phase early.
package main

import (
	"fmt"
	"sync"
	"time"
)

type barrier struct {
	mu               sync.Mutex
	cond             *sync.Cond
	n, count, genNum int
}

func (b *barrier) wait() {
	b.mu.Lock()
	defer b.mu.Unlock()
	gen := b.genNum
	if b.count++; b.count == b.n {
		b.count = 0 // reset before releasing: a fast goroutine may be back for the next phase at once
		b.genNum++
		b.cond.Broadcast()
		return
	}
	for gen == b.genNum {
		b.cond.Wait()
	}
}

const goroutines, phases = 4, 5

func main() {
	b := &barrier{n: goroutines}
	b.cond = sync.NewCond(&b.mu)
	slots := make([]int, goroutines) // plain ints: the barrier's mutex orders the accesses
	var wg sync.WaitGroup
	for i := 0; i < goroutines; i++ {
		wg.Add(1)
		go func(me int) {
			defer wg.Done()
			for phase := 1; phase <= phases; phase++ {
				time.Sleep(time.Duration((me+phase)%goroutines*4) * time.Millisecond) // uneven work
				slots[me] = phase
				b.wait()
				for other, seen := range slots {
					if seen != phase {
						panic(fmt.Sprintf("phase %d: slot %d still holds %d", phase, other, seen))
					}
				}
				b.wait() // everyone has read this phase before anyone writes the next
				if me == 0 {
					fmt.Printf("phase %d: all %d results seen by all %d goroutines\n", phase, goroutines, goroutines)
				}
			}
		}(i)
	}
	wg.Wait()
	fmt.Printf("%d phases checked; one barrier served %d generations\n", phases, b.genNum)
}
