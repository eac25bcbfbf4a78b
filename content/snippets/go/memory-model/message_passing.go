// Message passing in Go: a writer stores data, then a flag; a reader loads the flag, then the data.
//
//	writer: data = k; flag = k          (k = 1, 2, 3, ...)
//	reader: f = flag; d = data          (over and over)
//
// The writer writes data first, so data >= flag at every moment, and a reader that reads flag first
// should never find d < f. With sync/atomic it never can: the Go memory model says that if an atomic
// load observes an atomic store, the store is synchronized before the load, so the write of data
// happens before the read of data. The first round uses plain variables, which is a data race (go run
// -race reports it) and done here on purpose: Go, unlike C++, gives a racy read of a word-sized
// variable a meaning, some value actually written, but no order. On x86 plain loads and stores keep
// their order (x86-TSO) and Go's compiler does not swap these two, so the plain count is 0 there; on
// ARM it need not be.
package main

import (
	"fmt"
	"sync"
	"sync/atomic"
)

const messages = 1_000_000

type padded struct {
	atomic.Int32
	_ [60]byte // one cache line each
}

var (
	data, flag padded // the atomic round
	plainData  int32
	_          [60]byte
	plainFlag  int32 // the plain round: a deliberate data race
)

// pause spins 0-127 steps between messages, so the reader catches many of them as they change.
func pause(seed *uint32) {
	*seed ^= *seed << 13
	*seed ^= *seed >> 17
	*seed ^= *seed << 5
	for d := *seed & 127; d > 0; d-- {
		sink.Add(0)
	}
}

var sink atomic.Int32

type result struct{ reads, fresh, stale int }

func run(write func(k int32), readFlag, readData func() int32) result {
	var wg sync.WaitGroup
	var ready atomic.Int32
	wg.Add(1)
	go func() {
		defer wg.Done()
		ready.Add(1)
		for ready.Load() < 2 {
		}
		seed := uint32(0x9e3779b9)
		for k := int32(1); k <= messages; k++ {
			write(k)
			pause(&seed)
		}
	}()
	ready.Add(1)
	for ready.Load() < 2 {
	}
	var r result
	last := int32(0)
	for f := int32(0); f < messages; r.reads++ {
		f = readFlag()
		d := readData()
		if d < f {
			r.stale++ // the flag said k, the data was older than k
		}
		if f != last {
			r.fresh++
		}
		last = f
	}
	wg.Wait()
	return r
}

func main() {
	p := run(func(k int32) { plainData = k; plainFlag = k },
		func() int32 { return plainFlag }, func() int32 { return plainData })
	fmt.Printf("plain:  flag before data in %d of %d reads (%d saw a new flag)\n", p.stale, p.reads, p.fresh)
	a := run(func(k int32) { data.Store(k); flag.Store(k) },
		func() int32 { return flag.Load() }, func() int32 { return data.Load() })
	fmt.Printf("atomic: flag before data in %d of %d reads (%d saw a new flag)\n", a.stale, a.reads, a.fresh)
}
