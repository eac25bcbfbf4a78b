// Producer-consumer on an 8-slot buffer built from one sync.Mutex and two sync.Conds on it.
// Producers wait on notFull while the buffer is full; consumers wait on notEmpty while it is empty and a
// producer is still running. Every Wait sits in a for loop: waking up only means "look again".
// (In real Go code a buffered channel does all of this; see the queue example.)
package main

import (
	"fmt"
	"sync"
)

const producers, consumers, items, capacity = 2, 2, 5_000, 8

var (
	mu       sync.Mutex
	notFull  = sync.NewCond(&mu)
	notEmpty = sync.NewCond(&mu)
	buffer   []int // guarded by mu, like done
	done     int   // producers that have finished
	seen     = make([]int, producers*items)
)

func produce(first int) {
	for item := first; item < first+items; item++ {
		mu.Lock()
		for len(buffer) == capacity {
			notFull.Wait() // unlocks mu while asleep, locks it again before returning
		}
		buffer = append(buffer, item)
		notEmpty.Signal()
		mu.Unlock()
	}
	mu.Lock()
	done++
	notEmpty.Broadcast() // every consumer must see that no more items may come
	mu.Unlock()
}

func consume() {
	for {
		mu.Lock()
		for len(buffer) == 0 && done < producers {
			notEmpty.Wait()
		}
		if len(buffer) == 0 { // empty, and every producer has finished
			mu.Unlock()
			return
		}
		item := buffer[0]
		buffer = buffer[1:]
		notFull.Signal()
		mu.Unlock()
		if seen[item]++; seen[item] > 1 { // only the consumer that took the item touches its entry
			panic(fmt.Sprintf("item %d consumed twice", item))
		}
	}
}

func main() {
	var wg sync.WaitGroup
	for p := 0; p < producers; p++ {
		wg.Add(1)
		go func(first int) { defer wg.Done(); produce(first) }(p * items)
	}
	for c := 0; c < consumers; c++ {
		wg.Add(1)
		go func() { defer wg.Done(); consume() }()
	}
	wg.Wait()
	consumed := 0
	for _, s := range seen {
		consumed += s
	}
	fmt.Printf("%d of %d items consumed, %d missing\n", consumed, producers*items, producers*items-consumed)
}
