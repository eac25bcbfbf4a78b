// An echo server on one thread with java.nio's Selector (epoll on Linux, kqueue on macOS).
//
// Every channel is non-blocking, and the server thread waits in one place only: selector.select(),
// which returns the keys of the channels that are ready (a connection to accept, data or end of file
// to read). Each connection's unfinished line is kept in the buffer attached to its key between
// events, because a handler cannot wait inside itself for the rest.
//
// A second thread plays the clients with ordinary blocking channels: it opens all 50 connections,
// then sends a line on each, then reads every reply, so the server holds 50 connections at once.
// The JVM has threads of its own (the compiler, the garbage collector), so the program counts the
// threads that ran server code instead of the process's threads.
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

public class EchoSelector {
    static final int N = 50;

    static void runClients(int port, int[] matched) throws IOException {
        SocketChannel[] conns = new SocketChannel[N];
        for (int i = 0; i < N; i++) conns[i] = SocketChannel.open(new InetSocketAddress("127.0.0.1", port));
        for (int i = 0; i < N; i++) {
            ByteBuffer msg = ByteBuffer.wrap(("hello " + i + "\n").getBytes(StandardCharsets.US_ASCII));
            while (msg.hasRemaining()) conns[i].write(msg);
        }
        for (int i = 0; i < N; i++) {
            String expected = "hello " + i + "\n";
            ByteBuffer reply = ByteBuffer.allocate(64);
            while (reply.position() < expected.length() && conns[i].read(reply) > 0) { }
            String got = new String(reply.array(), 0, reply.position(), StandardCharsets.US_ASCII);
            if (got.equals(expected)) matched[0]++;
            conns[i].close();
        }
    }

    public static void main(String[] args) throws Exception {
        Selector selector = Selector.open();
        ServerSocketChannel listener = ServerSocketChannel.open();
        listener.bind(new InetSocketAddress("127.0.0.1", 0), N); // port 0: any free port
        listener.configureBlocking(false);
        listener.register(selector, SelectionKey.OP_ACCEPT);
        int port = ((InetSocketAddress) listener.getLocalAddress()).getPort();

        int[] matched = { 0 };
        Thread clients = new Thread(() -> {
            try {
                runClients(port, matched);
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        }, "clients");
        clients.start();

        Set<Thread> serverThreads = new HashSet<>();
        int served = 0, openNow = 0, mostOpen = 0, waits = 0, events = 0;
        ByteBuffer in = ByteBuffer.allocate(4096);
        while (served < N || openNow > 0) {
            if (selector.select(5000) == 0) throw new IllegalStateException("nothing ready for 5 s"); // the only wait
            serverThreads.add(Thread.currentThread());
            waits++;
            for (var it = selector.selectedKeys().iterator(); it.hasNext(); ) {
                SelectionKey key = it.next();
                it.remove(); // the selected set is ours to empty
                events++;
                if (key.isAcceptable()) {
                    SocketChannel conn = listener.accept(); // ready, so this does not wait
                    conn.configureBlocking(false);
                    conn.register(selector, SelectionKey.OP_READ, new StringBuilder());
                    served++;
                    mostOpen = Math.max(mostOpen, ++openNow);
                    continue;
                }
                SocketChannel conn = (SocketChannel) key.channel();
                StringBuilder pending = (StringBuilder) key.attachment();
                in.clear();
                if (conn.read(in) < 0) { // end of file: the client closed
                    key.cancel();
                    conn.close();
                    openNow--;
                    continue;
                }
                pending.append(new String(in.array(), 0, in.position(), StandardCharsets.US_ASCII));
                for (int nl; (nl = pending.indexOf("\n")) >= 0; pending.delete(0, nl + 1)) {
                    // A short reply fits the empty send buffer; a real server would keep what write()
                    // did not take and register OP_WRITE.
                    conn.write(ByteBuffer.wrap(pending.substring(0, nl + 1).getBytes(StandardCharsets.US_ASCII)));
                }
            }
        }
        clients.join();
        System.out.println("clients: " + matched[0] + " of " + N + " replies matched");
        System.out.println("selector: " + selector.getClass().getSimpleName());
        System.out.println("served " + served + " connections in " + serverThreads.size() + " thread, " + mostOpen + " open at once");
        System.out.println(waits + " waits returned " + events + " ready sockets");
        selector.close();
        listener.close();
    }
}
