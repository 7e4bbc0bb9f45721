package io.banwatch.bench;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicLong;

/** The alert webhook on loopback: counts what the collector delivers and answers 200. */
final class WebhookReceiver implements AutoCloseable {
    private final HttpServer server;
    private final AtomicLong received = new AtomicLong();

    WebhookReceiver(int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 16);
        server.createContext("/", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                in.transferTo(java.io.OutputStream.nullOutputStream());
            }
            received.incrementAndGet();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
    }

    long received() {
        return received.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
