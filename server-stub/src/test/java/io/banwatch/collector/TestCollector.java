package io.banwatch.collector;

import io.banwatch.collector.config.ServerConfig;
import io.banwatch.testkit.MutableClock;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.zip.GZIPOutputStream;

/**
 * A real collector on a free loopback port with a JDK HTTP client, in the style of Javalin's
 * own tests: {@code TestCollector.start(config, clock)} then {@code close()}.
 */
public final class TestCollector implements AutoCloseable {
    public final CollectorServer server;
    public final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    public final String base;
    public final String admin;

    private TestCollector(CollectorServer server, String admin) {
        this.server = server;
        this.base = "http://127.0.0.1:" + server.port();
        this.admin = admin;
    }

    public static TestCollector start(ServerConfig config, MutableClock clock) {
        CollectorServer server = CollectorServer.create(config, clock).start();
        String admin = server.tokens().issue(io.banwatch.collector.auth.Role.ADMIN, "test admin", null).token();
        return new TestCollector(server, admin);
    }

    public static ServerConfig.Builder config(Path dir) {
        ServerConfig.Builder b = ServerConfig.builder(dir);
        b.enrollmentSecret = "test-enrollment-secret-0123456789";
        return b;
    }

    public HttpResponse<String> get(String path, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20)).GET();
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return send(b.build());
    }

    public HttpResponse<String> post(String path, String token, String json) {
        return post(path, token, json.getBytes(StandardCharsets.UTF_8), null);
    }

    public HttpResponse<String> post(String path, String token, byte[] body, String encoding) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (encoding != null) {
            b.header("Content-Encoding", encoding);
        }
        return send(b.build());
    }

    public HttpResponse<String> delete(String path, String token) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + token)
                .DELETE().build());
    }

    /** Enrolls a host and returns its token. */
    public String enroll(String hostId, String hostname) {
        HttpResponse<String> r = post("/api/v1/enroll", null, "{\"enrollmentSecret\":\"" + server.enrollmentSecret()
                + "\",\"hostId\":\"" + hostId + "\",\"hostname\":\"" + hostname + "\"}");
        if (r.statusCode() != 201) {
            throw new AssertionError("enroll failed: " + r.statusCode() + " " + r.body());
        }
        int i = r.body().indexOf("\"token\":\"") + 9;
        return r.body().substring(i, r.body().indexOf('"', i));
    }

    public String viewer() {
        return server.tokens().issue(io.banwatch.collector.auth.Role.VIEWER, "test viewer", null).token();
    }

    public HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static byte[] gzip(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    @Override
    public void close() {
        server.stop();
    }
}
