"""An echo server on one thread: the selectors module waits on every socket at once.

The server never blocks on a single socket. Every socket is non-blocking, and the only place the
thread waits is sel.select(), which returns the sockets that are ready: a new connection on the
listening socket, or data (or end of file) on a connection. Each connection's unfinished line is
kept in its own buffer between events, because a handler cannot wait inside itself for the rest.

A forked child plays the clients: it opens all 50 connections first, then sends one line on each,
then reads every reply, so the server holds 50 open connections at the same time. Linux only (fork).
"""
import os
import selectors
import socket
import threading

N = 50


def run_clients(port):
    """The child: 50 connections at once, one line each, then check every echo."""
    conns = [socket.create_connection(("127.0.0.1", port)) for _ in range(N)]
    for i, c in enumerate(conns):
        c.sendall(f"hello {i}\n".encode())
    matched = 0
    for i, c in enumerate(conns):
        reply = b""
        while not reply.endswith(b"\n"):
            chunk = c.recv(64)
            if not chunk:
                break
            reply += chunk
        matched += reply == f"hello {i}\n".encode()
    for c in conns:
        c.close()
    print(f"clients: {matched} of {N} replies matched", flush=True)


def serve(listener, sel):
    served = open_now = most_open = waits = events = 0
    while served < N or open_now > 0:
        ready = sel.select(timeout=5)  # the loop's only wait: for any of its sockets
        if not ready:
            raise SystemExit("no socket became ready for 5 s")
        waits += 1
        events += len(ready)
        for key, _mask in ready:
            if key.fileobj is listener:
                conn, _ = listener.accept()  # ready, so this does not wait
                conn.setblocking(False)
                sel.register(conn, selectors.EVENT_READ, bytearray())
                served += 1
                open_now += 1
                most_open = max(most_open, open_now)
                continue
            conn, pending = key.fileobj, key.data
            data = conn.recv(4096)  # ready: returns what has arrived, or b"" at end of file
            if not data:
                sel.unregister(conn)
                conn.close()
                open_now -= 1
                continue
            pending += data
            while b"\n" in pending:  # echo each complete line; keep a partial one for later
                line, _, rest = bytes(pending).partition(b"\n")
                # A short reply fits the empty send buffer; a real server would keep what send()
                # did not take and ask the selector for EVENT_WRITE.
                conn.send(line + b"\n")
                pending[:] = rest
    return served, most_open, waits, events


def main():
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))  # port 0: the kernel picks a free port
    listener.listen(N)
    port = listener.getsockname()[1]
    pid = os.fork()
    if pid == 0:
        listener.close()
        run_clients(port)
        os._exit(0)
    listener.setblocking(False)
    sel = selectors.DefaultSelector()  # epoll on Linux, kqueue on macOS and the BSDs
    sel.register(listener, selectors.EVENT_READ)
    served, most_open, waits, events = serve(listener, sel)
    _, status = os.waitpid(pid, 0)
    sel.close()
    listener.close()
    print(f"selector: {type(sel).__name__}")
    print(f"served {served} connections in {threading.active_count()} thread, {most_open} open at once")
    print(f"{waits} waits returned {events} ready sockets")
    raise SystemExit(os.waitstatus_to_exitcode(status))


main()
