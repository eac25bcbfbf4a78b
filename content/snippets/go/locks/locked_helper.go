// Go has no re-entrant mutex, on purpose: a sync.Mutex locked twice by the same goroutine waits for
// itself. The usual shape instead: the exported method takes the lock once and calls an unexported
// helper that assumes the lock is already held (by convention its name says so).
package main

import (
	"fmt"
	"sync"
)

const transfers = 100_000 // per goroutine

type account struct {
	mu      sync.Mutex
	balance int // guarded by mu
}

// Deposit is for callers that do not hold the lock.
func (a *account) Deposit(amount int) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.depositLocked(amount)
}

// depositLocked must be called with a.mu held; it never locks.
func (a *account) depositLocked(amount int) {
	a.balance += amount
}

// Transfer holds the lock and calls the helper, not Deposit: calling Deposit here would deadlock.
func (a *account) Transfer(amount int) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.depositLocked(amount)
}

func main() {
	acc := &account{}
	var wg sync.WaitGroup
	for g := 0; g < 2; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < transfers; i++ {
				acc.Transfer(1)
			}
		}()
	}
	wg.Wait()
	acc.Deposit(0) // the public path works too, from a goroutine that holds nothing
	fmt.Printf("2 goroutines x %d transfers, one acquisition each: balance %d (expected %d)\n", transfers, acc.balance, 2*transfers)
}
