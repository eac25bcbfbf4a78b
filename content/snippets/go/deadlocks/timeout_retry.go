// Two goroutines take two locks in opposite orders and reach the deadlock on purpose, but the second
// acquire has a timeout: the goroutine that gives up releases its first lock, backs off a random moment
// and retries, so every job gets done. sync.Mutex has no timed Lock, so each lock is a channel with
// room for one token: send to lock, receive to unlock, and `select` with time.After to give up.
package main

import (
	"fmt"
	"math/rand"
	"sync"
	"sync/atomic"
	"time"
)

const (
	jobs    = 20                    // per goroutine
	timeout = 50 * time.Millisecond // to wait for the second lock
)

type lock chan struct{}

func (l lock) acquire() { l <- struct{}{} }
func (l lock) release() { <-l }
func (l lock) acquireWithin(d time.Duration) bool {
	select {
	case l <- struct{}{}:
		return true
	case <-time.After(d):
		return false
	}
}

var done, timeouts atomic.Int32

func worker(first, second lock, firstName, secondName string, bothHoldOne *sync.WaitGroup) {
	attempt := 0
	for job := 0; job < jobs; job++ {
		for {
			attempt++
			first.acquire()
			if attempt == 1 { // each goroutine now holds one lock and wants the other's
				bothHoldOne.Done()
				bothHoldOne.Wait()
			}
			if second.acquireWithin(timeout) {
				break // got both
			}
			// Timed out: let go of the first lock so that the other goroutine can finish, then back off.
			first.release()
			timeouts.Add(1)
			fmt.Printf("attempt %d: gave up waiting for %s after %d ms; released %s, backing off\n",
				attempt, secondName, timeout.Milliseconds(), firstName)
			time.Sleep(time.Duration(rand.Intn(10_000)) * time.Microsecond)
		}
		done.Add(1) // the job, with both locks held
		second.release()
		first.release()
	}
}

func main() {
	a, b := make(lock, 1), make(lock, 1)
	var bothHoldOne, finished sync.WaitGroup
	bothHoldOne.Add(2)
	finished.Add(2)
	go func() { defer finished.Done(); worker(a, b, "A", "B", &bothHoldOne) }()
	go func() { defer finished.Done(); worker(b, a, "B", "A", &bothHoldOne) }()
	finished.Wait()
	fmt.Printf("every job done: %d; acquires that timed out: %d\n", done.Load(), timeouts.Load())
}
