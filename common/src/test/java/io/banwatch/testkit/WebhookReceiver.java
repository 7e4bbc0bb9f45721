package io.banwatch.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A webhook endpoint on loopback for tests: it records every request exactly as it arrived
 * (request line and headers in the order sent, body) and answers as told, 200 by default. It
 * reads HTTP/1.1 off a raw socket because a real HTTP server would hide what the client asked
 * for, such as an upgrade to HTTP/2. Every answer closes the connection.
 *
 * <pre>{@code
 * try (WebhookReceiver hook = new WebhookReceiver()) {
 *     hook.answer(503);                  // the first request fails, the next ones get 200
 *     ... post to hook.url() ...
 *     assertThat(hook.received).singleElement().extracting(WebhookReceiver.Request::body)...
 * }
 * }</pre>
 */
public final class WebhookReceiver implements AutoCloseable {
    /** One request: {@code headers} as "Name: value" lines, in the order sent. */
    public record Request(String requestLine, List<String> headers, String body) {
        public boolean hasHeader(String name) {
            return header(name) != null;
        }

        /** The first value of header {@code name} (case-insensitive), or null. */
        public String header(String name) {
            for (String h : headers) {
                if (h.regionMatches(true, 0, name + ":", 0, name.length() + 1)) {
                    return h.substring(name.length() + 1).strip();
                }
            }
            return null;
        }

        public String idempotencyKey() {
            return header("Idempotency-Key");
        }
    }

    /** Every request, whatever it was answered. */
    public final List<Request> requests = new CopyOnWriteArrayList<>();
    /** The requests answered with a 2xx: the deliveries. */
    public final List<Request> received = new CopyOnWriteArrayList<>();

    private final ServerSocket server;
    // Requests are handled side by side, so one held in beforeAnswering does not hold up the rest.
    private final ExecutorService handlers = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "webhook-receiver");
        t.setDaemon(true);
        return t;
    });
    private final ConcurrentLinkedQueue<Integer> answers = new ConcurrentLinkedQueue<>();
    private volatile Runnable beforeAnswering = () -> { };

    public WebhookReceiver() {
        try {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        handlers.execute(this::accept);
    }

    /** The next answers, in order (then 200). */
    public void answer(Integer... statuses) {
        answers.addAll(List.of(statuses));
    }

    /** Runs {@code action} on every request before answering it (say, to move a test clock: a slow receiver). */
    public void beforeAnswering(Runnable action) {
        beforeAnswering = action;
    }

    public String url() {
        return "http://127.0.0.1:" + server.getLocalPort() + "/hook";
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                handlers.execute(() -> serve(s));
            } catch (IOException e) {
                // closed: the loop ends
            }
        }
    }

    private void serve(Socket socket) {
        try (Socket s = socket) {
            InputStream in = s.getInputStream();
            String line = readLine(in);
            List<String> headers = new ArrayList<>();
            int length = 0;
            for (String h = readLine(in); !h.isEmpty(); h = readLine(in)) {
                headers.add(h);
                if (h.regionMatches(true, 0, "Content-Length:", 0, 15)) {
                    length = Integer.parseInt(h.substring(15).strip());
                }
            }
            String body = new String(in.readNBytes(length), StandardCharsets.UTF_8);
            Request request = new Request(line, List.copyOf(headers), body);
            requests.add(request);
            beforeAnswering.run();
            Integer status = answers.poll();
            int code = status == null ? 200 : status;
            if (code / 100 == 2) {
                received.add(request);
            }
            s.getOutputStream().write(("HTTP/1.1 " + code + " Test\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
            // a client that went away (a timeout, say): wait for the next
        }
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("connection closed mid-request");
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        handlers.shutdownNow();
    }
}
