// False sharing in Go: two goroutines, each adding to its own counter, are slowed down when the two
// counters share a cache line. The program times both layouts, several rounds each, alternating, and
// prints the medians and their ratio.
//
// Go has no alignment attribute, so padding is written out: a blank field of 128 bytes between the
// counters keeps them on different 64-byte lines whatever the struct's own alignment (and off the
// line pair some Intel cores prefetch together). golang.org/x/sys/cpu offers the same as
// cpu.CacheLinePad, sized for the target architecture; the runtime pads its own per-P data this way.
package main

import (
	"fmt"
	"sort"
	"sync"
	"sync/atomic"
	"time"
)

const n = 20_000_000
const rounds = 5

// sameLine: a and b are 8 bytes apart. The struct is 16 bytes, and Go's allocator places 16-byte
// objects on 16-byte boundaries, so a line boundary never falls between them.
type sameLine struct {
	a, b atomic.Int64
}

// padded: 128 bytes of nothing between a and b.
type padded struct {
	a atomic.Int64
	_ [128]byte
	b atomic.Int64
}

// race lets two goroutines add 1 to their own counter n times, from a spinning start line, and
// returns the wall time in milliseconds. atomic Add is a locked read-modify-write (lock xadd on
// x86), so the core must hold the counter's line exclusively.
func race(a, b *atomic.Int64) float64 {
	var ready atomic.Int32
	var wg sync.WaitGroup
	start := time.Now()
	for _, c := range []*atomic.Int64{a, b} {
		wg.Add(1)
		go func(c *atomic.Int64) {
			defer wg.Done()
			ready.Add(1)
			for ready.Load() < 2 {
			}
			for i := 0; i < n; i++ {
				c.Add(1)
			}
		}(c)
	}
	wg.Wait()
	if a.Load()+b.Load() != 2*n {
		panic("never: the counters are atomic")
	}
	return float64(time.Since(start).Microseconds()) / 1000
}

func median(xs []float64) float64 {
	s := append([]float64(nil), xs...)
	sort.Float64s(s)
	return s[len(s)/2]
}

func main() {
	var same, pad []float64
	for r := 0; r < rounds; r++ { // alternate, so that noise from other programs hits both alike
		s := &sameLine{}
		p := &padded{}
		same = append(same, race(&s.a, &s.b))
		pad = append(pad, race(&p.a, &p.b))
	}
	ms, mp := median(same), median(pad)
	fmt.Printf("same cache line: %.0f ms\n", ms)
	fmt.Printf("padded apart: %.0f ms\n", mp)
	fmt.Printf("ratio same / padded: %.2f\n", ms/mp)
}
