package io.banwatch.agent.send;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPInputStream;

/** A stand-in collector on loopback that answers from a script and records what it received. */
final class ScriptedCollector implements AutoCloseable {
    record Answer(int status, Map<String, String> headers, String body) {
        static Answer of(int status) {
            return new Answer(status, Map.of(), "{}");
        }
    }

    private final HttpServer server;
    private final ConcurrentLinkedQueue<Answer> script = new ConcurrentLinkedQueue<>();
    final List<String> receivedReports = new CopyOnWriteArrayList<>();
    final List<String> authorizations = new CopyOnWriteArrayList<>();

    ScriptedCollector() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/api/v1/reports", ex -> {
            byte[] body = ex.getRequestBody().readAllBytes();
            authorizations.add(ex.getRequestHeaders().getFirst("Authorization"));
            Answer a = script.poll();
            if (a == null) {
                a = Answer.of(201);
            }
            if (a.status() / 100 == 2) {
                String json = "gzip".equals(ex.getRequestHeaders().getFirst("Content-Encoding"))
                        ? new String(new GZIPInputStream(new java.io.ByteArrayInputStream(body)).readAllBytes())
                        : new String(body);
                receivedReports.add(json);
            }
            a.headers().forEach((k, v) -> ex.getResponseHeaders().add(k, v));
            byte[] out = a.body().getBytes();
            ex.sendResponseHeaders(a.status(), out.length);
            ex.getResponseBody().write(out);
            ex.close();
        });
        server.createContext("/api/v1/enroll", ex -> {
            ex.getRequestBody().readAllBytes();
            byte[] out = "{\"token\":\"bw_h_enrolled\",\"hostId\":\"host-1\"}".getBytes();
            ex.sendResponseHeaders(201, out.length);
            ex.getResponseBody().write(out);
            ex.close();
        });
        server.createContext("/healthz", ex -> {
            byte[] out = "{\"status\":\"ok\"}".getBytes();
            ex.sendResponseHeaders(200, out.length);
            ex.getResponseBody().write(out);
            ex.close();
        });
        server.start();
    }

    void then(Answer... answers) {
        script.addAll(List.of(answers));
    }

    void clear() {
        script.clear();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
