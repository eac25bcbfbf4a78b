// Go has no thread-local storage, on purpose: goroutines move between OS threads. Per-goroutine state is
// a value the goroutine creates and passes along explicitly (for requests, in a context.Context). Only
// its owner ever sees it, so it needs no lock, and nothing is left behind for the next task.
package main

import (
	"fmt"
	"sync"
)

type state struct {
	calls int
	cache map[int]int
}

func handle(st *state, request int) int {
	st.calls++ // this goroutine's counter: no other goroutine has a pointer to it
	key := request % 100
	v, ok := st.cache[key]
	if !ok {
		v = key * key // stands for something expensive to compute
		st.cache[key] = v
	}
	return v
}

const goroutines = 3

func main() {
	reports := make([]string, goroutines) // each written by one goroutine, read after Wait
	totals := make([]int, goroutines)
	var wg sync.WaitGroup
	for i := 0; i < goroutines; i++ {
		wg.Add(1)
		go func(me, myCalls int) {
			defer wg.Done()
			st := &state{cache: map[int]int{}} // made here, owned here
			for r := 0; r < myCalls; r++ {
				handle(st, r)
			}
			reports[me] = fmt.Sprintf("G%d: calls = %d (its own), cache holds %d entries", me+1, st.calls, len(st.cache))
			totals[me] = st.calls
		}(i, 1_000*(i+1))
	}
	wg.Wait()
	sum := 0
	for i, r := range reports {
		fmt.Println(r)
		sum += totals[i]
	}
	fmt.Printf("the goroutines' counts add up to %d\n", sum)
}
