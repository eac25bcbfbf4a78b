// How many CPUs does a Go program use? runtime.NumCPU() counts the logical CPUs this process may run
// on (its affinity mask, read at start-up). GOMAXPROCS is how many OS threads may execute Go code at
// once: by default NumCPU (Go 1.25 and later also lower it to a container's CPU limit).
// runtime.GOMAXPROCS(0) reads it without changing it.
package main

import (
	"fmt"
	"runtime"
)

func main() {
	fmt.Printf("runtime.NumCPU(): %d\n", runtime.NumCPU())
	fmt.Printf("runtime.GOMAXPROCS(0): %d\n", runtime.GOMAXPROCS(0))
}
