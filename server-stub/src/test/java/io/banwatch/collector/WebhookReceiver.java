package io.banwatch.collector;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/** A webhook endpoint on loopback that records what it receives and answers as told. */
public final class WebhookReceiver implements AutoCloseable {
    public record Delivery(String body, String idempotencyKey) {
    }

    private final HttpServer server;
    public final List<Delivery> received = new CopyOnWriteArrayList<>();
    /** Every request, whatever it was answered. */
    public final AtomicInteger requests = new AtomicInteger();
    // Requests are handled side by side, so one held in beforeAnswering does not hold up the rest.
    private final ExecutorService handlers = Executors.newCachedThreadPool();
    private final ConcurrentLinkedQueue<Integer> answers = new ConcurrentLinkedQueue<>();
    private volatile Runnable beforeAnswering = () -> { };

    public WebhookReceiver() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/hook", ex -> {
            requests.incrementAndGet();
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            beforeAnswering.run();
            Integer status = answers.poll();
            int code = status == null ? 200 : status;
            if (code / 100 == 2) {
                received.add(new Delivery(body, ex.getRequestHeaders().getFirst("Idempotency-Key")));
            }
            ex.sendResponseHeaders(code, -1);
            ex.close();
        });
        server.setExecutor(handlers);
        server.start();
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
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    @Override
    public void close() {
        server.stop(0);
        handlers.shutdownNow();
    }
}
