// Two goroutines move money between two accounts in opposite directions and never deadlock: every
// transfer locks the lower-numbered account first, whichever way the money goes.
package main

import (
	"fmt"
	"sync"
	"time"
)

const transfers = 100_000 // per goroutine

type account struct {
	no      int // fixes the account's place in the lock order
	mu      sync.Mutex
	balance int // guarded by mu
}

func transfer(from, to *account, amount int, linger time.Duration) {
	// The global order: lower number first. Nobody holds a later lock while waiting for an earlier
	// one, so no cycle of waiting goroutines can form.
	first, second := from, to
	if to.no < from.no {
		first, second = to, from
	}
	first.mu.Lock()
	defer first.mu.Unlock()
	if linger > 0 {
		time.Sleep(linger) // the moment the opposite-order version deadlocks
	}
	second.mu.Lock()
	defer second.mu.Unlock()
	from.balance -= amount
	to.balance += amount
}

func main() {
	one := &account{no: 1, balance: 1_000_000}
	two := &account{no: 2, balance: 1_000_000}
	done := make([]int, 2) // one slot per goroutine; wg.Wait() makes them visible here
	var wg sync.WaitGroup
	mover := func(from, to *account, slot int) {
		defer wg.Done()
		for i := 0; i < transfers; i++ {
			linger := time.Duration(0)
			if i == 0 {
				linger = 10 * time.Millisecond
			}
			transfer(from, to, 1, linger)
			done[slot]++
		}
	}
	wg.Add(2)
	go mover(one, two, 0) // 1 -> 2
	go mover(two, one, 1) // 2 -> 1
	wg.Wait()
	fmt.Printf("%d transfers; balances %d + %d = %d\n", done[0]+done[1], one.balance, two.balance, one.balance+two.balance)
}
