// Check-then-act in Go, where there is no "await": goroutines are preempted, and run in parallel.
//
// 1. racy: each withdrawal reads the balance, waits for an approval (a 10 ms sleep), then writes what
//    it read minus 60. Both read 100 before either writes, so both are paid: the same lost update as
//    the asyncio and TypeScript versions.
// 2. the asyncio fix, without a lock: wait first, then check and update with nothing in between. On
//    an event loop that is one uninterrupted step. In Go it is not: the scheduler may preempt a
//    goroutine anywhere (asynchronously since Go 1.14), and with GOMAXPROCS > 1 two goroutines run at
//    the same instant on two cores. Two goroutines doing this thirty million times each, withdrawing 1
//    at a time, pay out more than there was. Each access is an atomic Load or Store, so this is a
//    race condition and not a data race (see the Go memory model); the pair is still not atomic.
// 3. sync.Mutex around the check and the update: exact, on any number of cores.
package main

import (
	"fmt"
	"sync"
	"sync/atomic"
	"time"
)

const start = 100

type account struct {
	balance, paidOut, refused atomic.Int64
}

func newAccount(balance int64) *account {
	a := &account{}
	a.balance.Store(balance)
	return a
}

func report(label string, a *account, start int64) {
	total := a.balance.Load() + a.paidOut.Load() // must stay `start`: money is neither made nor lost
	verdict := "correct"
	if total != start {
		verdict = fmt.Sprintf("%d too much", total-start)
	}
	fmt.Printf("%s: paid out %d, balance %d, refused %d: balance + paid out = %d (%s)\n",
		label, a.paidOut.Load(), a.balance.Load(), a.refused.Load(), total, verdict)
}

// withdrawRacy reads, waits for the approval, then writes what it read.
func withdrawRacy(a *account, amount int64) {
	seen := a.balance.Load()
	if seen < amount {
		a.refused.Add(1)
		return
	}
	time.Sleep(10 * time.Millisecond) // the approval; the other goroutine reads the same balance meanwhile
	a.balance.Store(seen - amount)
	a.paidOut.Add(amount)
}

// withdrawNoLock checks and updates with nothing in between: safe on an event loop, not here.
func withdrawNoLock(a *account, amount int64) {
	if v := a.balance.Load(); v >= amount {
		a.balance.Store(v - amount) // another goroutine may have stored between our Load and this Store
		a.paidOut.Add(amount)
	} else {
		a.refused.Add(1)
	}
}

// withdrawLocked holds the mutex across the check and the update.
func withdrawLocked(a *account, mu *sync.Mutex, amount int64) {
	mu.Lock()
	defer mu.Unlock()
	withdrawNoLock(a, amount)
}

// both runs f in two goroutines, each calling it n times, from a spinning start line so they overlap.
func both(n int, f func()) {
	var ready atomic.Int32
	var wg sync.WaitGroup
	for g := 0; g < 2; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			ready.Add(1)
			for ready.Load() < 2 {
			}
			for i := 0; i < n; i++ {
				f()
			}
		}()
	}
	wg.Wait()
}

func main() {
	racy := newAccount(start)
	both(1, func() { withdrawRacy(racy, 60) })
	report("racy", racy, start)

	// Many rounds, so that the two goroutines overlap even on a busy machine.
	const n = 30_000_000
	noLock := newAccount(2 * n) // just enough for every withdrawal: none should be refused
	both(n, func() { withdrawNoLock(noLock, 1) })
	report("check and update, no lock, 2 x 30000000", noLock, 2*n)

	const m = 3_000_000 // fewer: a contended mutex is slower, and exactness does not need more
	var mu sync.Mutex
	locked := newAccount(2 * m)
	both(m, func() { withdrawLocked(locked, &mu, 1) })
	report("sync.Mutex, 2 x 3000000", locked, 2*m)
}
