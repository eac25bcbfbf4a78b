// What does a goroutine cost? Start 100,000 that each block on a channel, then measure the time that
// took, the memory the runtime obtained for them, and how many threads the kernel sees meanwhile.
// Build and run: go build goroutines.go && ./goroutines   (Linux: it reads /proc/self/status)
package main

import (
	"bufio"
	"fmt"
	"os"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"time"
)

// statusField returns a numeric field of /proc/self/status, e.g. "Threads:" (a count) or "VmRSS:" (in kB).
func statusField(field string) int64 {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return -1
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if line := sc.Text(); strings.HasPrefix(line, field) {
			v, _ := strconv.ParseInt(strings.Fields(line[len(field):])[0], 10, 64)
			return v
		}
	}
	return -1
}

const n = 100_000

func main() {
	release := make(chan struct{}) // closed once, to wake every goroutine at the same time
	var started, finished sync.WaitGroup
	started.Add(n)
	finished.Add(n)

	var before, during runtime.MemStats
	runtime.GC() // start from a settled heap, so that the difference is the goroutines'
	runtime.ReadMemStats(&before)
	rss0 := statusField("VmRSS:")

	t0 := time.Now()
	for i := 0; i < n; i++ {
		go func() {
			started.Done()
			<-release // park: the goroutine waits in the runtime, holding no OS thread
			finished.Done()
		}()
	}
	started.Wait() // every goroutine has run up to its receive and is parked there
	elapsed := time.Since(t0)

	runtime.ReadMemStats(&during)
	threads, rss1 := statusField("Threads:"), statusField("VmRSS:")
	alive := runtime.NumGoroutine()
	close(release)
	finished.Wait()

	fmt.Printf("goroutines alive:         %d, on %d OS threads (GOMAXPROCS %d)\n", alive, threads, runtime.GOMAXPROCS(0))
	fmt.Printf("time to start and park:   %.2f us per goroutine\n", float64(elapsed.Nanoseconds())/1e3/n)
	fmt.Printf("stack memory in use:      %d bytes per goroutine\n", (during.StackInuse-before.StackInuse)/n)
	fmt.Printf("memory from the OS (Sys): %d bytes per goroutine\n", (during.Sys-before.Sys)/n)
	fmt.Printf("resident memory (VmRSS):  %d bytes per goroutine\n", (rss1-rss0)*1024/n)
}
