// An echo server written the blocking way, one goroutine per connection, and what it costs in
// threads: Go's network poller turns every blocked conn.Read into an entry in epoll (kqueue on
// macOS), so hundreds of goroutines waiting for data need only a handful of OS threads.
//
// 200 clients connect; each server goroutine and each client goroutine then blocks in Read, the
// server's waiting for a request and the client's for its reply. While they wait, the program counts
// the goroutines parked on the poller (the runtime's stack dump says "IO wait") and its threads
// (/proc/self/status). Then main writes a
// line on every client connection, the servers echo it, and every client checks its reply.
// Build and run: go build echo_goroutines.go && ./echo_goroutines   (Linux: it reads /proc/self/status)
package main

import (
	"bufio"
	"fmt"
	"net"
	"os"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

const n = 200

// threads returns the number of OS threads of this process, as the kernel counts them.
func threads() int {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return -1
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if line := sc.Text(); strings.HasPrefix(line, "Threads:") {
			t, _ := strconv.Atoi(strings.TrimSpace(line[len("Threads:"):]))
			return t
		}
	}
	return -1
}

// inIOWait counts the goroutines parked on the network poller, from a dump of every goroutine's stack.
func inIOWait() int {
	buf := make([]byte, 1<<20)
	for {
		k := runtime.Stack(buf, true)
		if k < len(buf) {
			return strings.Count(string(buf[:k]), " [IO wait")
		}
		buf = make([]byte, 2*len(buf))
	}
}

// echo is the whole server, written as if reads blocked: the runtime parks the goroutine instead.
func echo(c net.Conn) {
	defer c.Close()
	r := bufio.NewReader(c)
	for {
		line, err := r.ReadString('\n') // parks this goroutine until data arrives (netpoller)
		if err != nil {
			return // the client closed: end of file
		}
		if _, err := c.Write([]byte(line)); err != nil {
			return
		}
	}
}

func main() {
	ln, err := net.Listen("tcp", "127.0.0.1:0") // port 0: any free port
	if err != nil {
		panic(err)
	}
	defer ln.Close()
	go func() {
		for {
			c, err := ln.Accept() // also parked on the poller between connections
			if err != nil {
				return // the listener was closed
			}
			go echo(c)
		}
	}()

	conns := make([]net.Conn, n)
	var matched atomic.Int32
	var done sync.WaitGroup
	for i := range conns {
		c, err := net.Dial("tcp", ln.Addr().String())
		if err != nil {
			panic(err)
		}
		conns[i] = c
		done.Add(1)
		go func(i int, c net.Conn) { // a client waiting for its reply
			defer done.Done()
			reply, _ := bufio.NewReader(c).ReadString('\n')
			if reply == fmt.Sprintf("hello %d\n", i) {
				matched.Add(1)
			}
		}(i, c)
	}
	// Wait until the acceptor, the n servers and the n clients are all parked on the poller: the
	// runtime's goroutine dump labels such a goroutine "[IO wait]".
	parked := 0
	for deadline := time.Now().Add(2 * time.Second); parked < 2*n+1 && time.Now().Before(deadline); {
		time.Sleep(time.Millisecond)
		parked = inIOWait()
	}
	all, osThreads := runtime.NumGoroutine(), threads()

	for i, c := range conns {
		fmt.Fprintf(c, "hello %d\n", i)
	}
	done.Wait()
	for _, c := range conns {
		c.Close()
	}
	fmt.Printf("clients: %d of %d replies matched\n", matched.Load(), n)
	fmt.Printf("served %d connections: %d goroutines, %d of them parked in IO wait, on %d OS threads (GOMAXPROCS %d)\n",
		n, all, parked, osThreads, runtime.GOMAXPROCS(0))
}
