package io.banwatch.collector;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback TCP forwarder that a test can cut, as a network failure would cut a collector off
 * its database, and restore. While cut, open connections are closed and new ones are closed as
 * soon as they are accepted. It can also black-hole traffic (connections stay open, bytes
 * vanish) and drop the connection of every n-th answer just as it comes back (the request
 * arrived, the client never hears the reply).
 */
final class TcpProxy implements AutoCloseable {
    private final ServerSocket server;
    private final String targetHost;
    private final int targetPort;
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private volatile boolean cut;
    private volatile boolean blackHole;
    private volatile int dropEvery;
    private final AtomicInteger answers = new AtomicInteger();
    private final AtomicInteger dropped = new AtomicInteger();

    TcpProxy(String targetHost, int targetPort) {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        try {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread acceptor = new Thread(this::accept, "tcp-proxy-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return server.getLocalPort();
    }

    void cut() {
        cut = true;
        for (Socket s : open) {
            closeQuietly(s);
        }
        open.clear();
    }

    void restore() {
        cut = false;
        blackHole = false;
    }

    /** From now on, bytes in either direction are read and thrown away; nothing is closed. */
    void blackHole() {
        blackHole = true;
    }

    /**
     * The connection of every {@code n}-th answer is closed when the answer's first bytes arrive
     * (0: none). An answer is the first bytes from the target after bytes from the client.
     */
    void dropAnswerOfEvery(int n) {
        dropEvery = n;
    }

    /** How many connections were dropped by {@link #dropAnswerOfEvery}. */
    int dropped() {
        return dropped.get();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                if (cut) {
                    closeQuietly(client);
                    continue;
                }
                Socket upstream = new Socket(targetHost, targetPort);
                open.add(client);
                open.add(upstream);
                AtomicBoolean asked = new AtomicBoolean();
                pump(client, upstream, asked, false);
                pump(upstream, client, asked, true);
            } catch (IOException e) {
                // server closed, or the target refused: the client sees its connection drop
            }
        }
    }

    /** {@code asked}: the client has sent bytes the target has not answered yet. */
    private void pump(Socket from, Socket to, AtomicBoolean asked, boolean answering) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buf)) != -1) {
                    if (!answering) {
                        asked.set(true);
                    } else if (asked.compareAndSet(true, false)) {
                        int every = dropEvery;
                        if (every > 0 && answers.incrementAndGet() % every == 0) {
                            dropped.incrementAndGet();
                            break;
                        }
                    }
                    if (blackHole) {
                        continue;
                    }
                    out.write(buf, 0, n);
                    out.flush();
                }
            } catch (IOException e) {
                // one side went away
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        }, "tcp-proxy-pump");
        t.setDaemon(true);
        t.start();
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // already closed
        }
    }

    @Override
    public void close() {
        cut();
        try {
            server.close();
        } catch (IOException e) {
            // already closed
        }
    }
}
