package io.banwatch.agent.fault;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * A reverse proxy on loopback between agent and collector that misbehaves on purpose, request by
 * request: answers 500 or 503 (with Retry-After) itself, drops the connection halfway through the
 * request body, or forwards the request and then drops the connection before the answer — the
 * lost acknowledgement that makes an agent send a report twice. One request per connection keeps
 * the faults exact.
 */
final class FaultProxy implements AutoCloseable {
    enum Fault { PASS, ERROR_500, UNAVAILABLE_503, DROP_MID_BODY, DROP_AFTER_FORWARD }

    private final ServerSocket server;
    private final int upstreamPort;
    private final IntFunction<Fault> plan;
    private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "fault-proxy");
        t.setDaemon(true);
        return t;
    });
    private final AtomicInteger requests = new AtomicInteger();
    final AtomicInteger[] counts = new AtomicInteger[Fault.values().length];
    private volatile boolean running = true;

    private final long delayMillis;

    FaultProxy(int upstreamPort, IntFunction<Fault> plan) throws IOException {
        this(upstreamPort, plan, 0);
    }

    /** @param delayMillis added before each forwarded request, to keep a sender busy for a while */
    FaultProxy(int upstreamPort, IntFunction<Fault> plan, long delayMillis) throws IOException {
        this.delayMillis = delayMillis;
        this.upstreamPort = upstreamPort;
        this.plan = plan;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        for (int i = 0; i < counts.length; i++) {
            counts[i] = new AtomicInteger();
        }
        pool.execute(this::accept);
    }

    int port() {
        return server.getLocalPort();
    }

    int count(Fault f) {
        return counts[f.ordinal()].get();
    }

    private void accept() {
        while (running) {
            try {
                Socket client = server.accept();
                pool.execute(() -> handle(client));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void handle(Socket client) {
        try (client) {
            client.setSoTimeout(30_000);
            InputStream in = client.getInputStream();
            byte[] head = readHead(in);
            if (head == null) {
                return;
            }
            String headers = new String(head, StandardCharsets.ISO_8859_1);
            int length = contentLength(headers);
            Fault fault = headers.startsWith("POST /api/v1/reports") ? plan.apply(requests.getAndIncrement()) : Fault.PASS;
            counts[fault.ordinal()].incrementAndGet();
            OutputStream out = client.getOutputStream();
            switch (fault) {
                case DROP_MID_BODY -> {
                    in.readNBytes(length / 2);
                    client.setSoLinger(true, 0);
                    return;
                }
                case ERROR_500 -> {
                    in.readNBytes(length);
                    respond(out, "500 Internal Server Error", "");
                    return;
                }
                case UNAVAILABLE_503 -> {
                    in.readNBytes(length);
                    respond(out, "503 Service Unavailable", "Retry-After: 1\r\n");
                    return;
                }
                default -> {
                }
            }
            byte[] body = in.readNBytes(length);
            byte[] response = forward(withConnectionClose(headers), body);
            if (fault == Fault.DROP_AFTER_FORWARD) {
                client.setSoLinger(true, 0);
                return;
            }
            out.write(response);
            out.flush();
        } catch (IOException e) {
            // The agent gave up or the collector is down: exactly the kind of trouble we are here for.
        }
    }

    private byte[] forward(String headers, byte[] body) throws IOException {
        if (delayMillis > 0) {
            try {
                Thread.sleep(delayMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted");
            }
        }
        try (Socket up = new Socket(InetAddress.getLoopbackAddress(), upstreamPort)) {
            up.setSoTimeout(30_000);
            OutputStream o = up.getOutputStream();
            o.write(headers.getBytes(StandardCharsets.ISO_8859_1));
            o.write(body);
            o.flush();
            return up.getInputStream().readAllBytes();
        }
    }

    private static void respond(OutputStream out, String status, String extra) throws IOException {
        out.write(("HTTP/1.1 " + status + "\r\n" + extra + "Content-Length: 0\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    /** Reads up to and including the blank line that ends the headers. */
    private static byte[] readHead(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int last4 = 0;
        int c;
        while ((c = in.read()) != -1) {
            b.write(c);
            last4 = (last4 << 8) | c;
            if (last4 == 0x0D0A0D0A) {
                return b.toByteArray();
            }
            if (b.size() > 64 * 1024) {
                return null;
            }
        }
        return null;
    }

    private static int contentLength(String headers) {
        for (String line : headers.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                return Integer.parseInt(line.substring(15).strip());
            }
        }
        return 0;
    }

    private static String withConnectionClose(String headers) {
        StringBuilder b = new StringBuilder();
        for (String line : headers.split("\r\n")) {
            String lower = line.toLowerCase(Locale.ROOT);
            if (!line.isEmpty() && !lower.startsWith("connection:") && !lower.startsWith("upgrade:")
                    && !lower.startsWith("http2-settings:")) {
                b.append(line).append("\r\n");
            }
        }
        return b.append("Connection: close\r\n\r\n").toString();
    }

    @Override
    public void close() {
        running = false;
        try {
            server.close();
        } catch (IOException e) {
            // closing anyway
        }
        pool.shutdownNow();
    }
}
