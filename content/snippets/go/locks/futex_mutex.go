// A mutex built from one atomic word, after Drepper's "Futexes Are Tricky": 0 free, 1 held, 2 held with
// sleepers possible. Go code cannot sleep on a memory word, so a sync.Cond stands in for the kernel, with
// the futex contract: sleep only if the word still holds the value, checked under the kernel's own lock.
package main

import (
	"fmt"
	"sync"
	"sync/atomic"
)

type futexMutex struct {
	word   atomic.Int32
	kernel *sync.Cond // the kernel's queue of sleepers on this word, and its lock
}

func (m *futexMutex) futexWait(value int32) {
	m.kernel.L.Lock()
	if m.word.Load() == value { // a release since the caller looked changed it: then do not sleep
		m.kernel.Wait() // queues this goroutine before unlocking L: a wake after this finds it
	}
	m.kernel.L.Unlock()
}

func (m *futexMutex) Lock() {
	if m.word.CompareAndSwap(0, 1) {
		return // uncontended: one atomic instruction, the kernel is never entered
	}
	for m.word.Swap(2) != 0 { // announce a sleeper; if the lock was free, this took it (as 2)
		m.futexWait(2)
	}
}

func (m *futexMutex) Unlock() {
	if m.word.Swap(0) == 2 { // wake someone only if someone may sleep: FUTEX_WAKE(word, 1)
		m.kernel.L.Lock() // under the kernel's lock, so a waiter between its check and Wait is not missed
		m.kernel.Signal()
		m.kernel.L.Unlock()
	}
}

func main() {
	const goroutines, addsPerRoutine = 4, 1_000_000
	mu := futexMutex{kernel: sync.NewCond(&sync.Mutex{})}
	counter := 0 // guarded by mu
	var done sync.WaitGroup
	done.Add(goroutines)
	for g := 0; g < goroutines; g++ {
		go func() {
			for i := 0; i < addsPerRoutine; i++ {
				mu.Lock()
				counter++
				mu.Unlock()
			}
			done.Done()
		}()
	}
	done.Wait()
	fmt.Printf("expected %d, got %d (lost %d)\n", goroutines*addsPerRoutine, counter, goroutines*addsPerRoutine-counter)
}
