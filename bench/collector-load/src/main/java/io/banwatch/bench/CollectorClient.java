package io.banwatch.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The collector's HTTP API as the agents and the dashboard's users call it. */
final class CollectorClient {
    private static final Pattern TOKEN = Pattern.compile("\"token\"\\s*:\\s*\"([^\"]+)\"");

    /** A read's answer: its status and how many bytes came back. */
    record Answer(int status, long bytes) {
    }

    private final URI base;
    // HTTP/1.1 as agents speak it; the default would try an h2c upgrade on every new connection.
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).executor(Executors.newFixedThreadPool(2, CollectorClient::daemon)).build();

    /** The client's own threads must not keep the generator alive once it is done. */
    private static Thread daemon(Runnable r) {
        Thread t = new Thread(r, "collector-client");
        t.setDaemon(true);
        return t;
    }

    CollectorClient(URI base) {
        this.base = base;
    }

    String enroll(String secret, String hostId, String hostname) {
        String body = "{\"enrollmentSecret\":\"" + secret + "\",\"hostId\":\"" + hostId + "\",\"hostname\":\""
                + hostname + "\"}";
        HttpResponse<String> r = send(HttpRequest.newBuilder(base.resolve("/api/v1/enroll"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build());
        Matcher m = TOKEN.matcher(r.body());
        if (r.statusCode() != 201 || !m.find()) {
            throw new IllegalStateException("enroll " + hostId + ": " + r.statusCode() + " " + r.body());
        }
        return m.group(1);
    }

    int postReport(String token, byte[] gzipped) {
        return send(HttpRequest.newBuilder(base.resolve("/api/v1/reports")).timeout(Duration.ofSeconds(90))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .header("Content-Encoding", "gzip").POST(HttpRequest.BodyPublishers.ofByteArray(gzipped))
                .build()).statusCode();
    }

    /** A GET whose body is read to the end and counted, not kept (exports can be large). */
    Answer get(String path, String token) {
        HttpRequest request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofMinutes(5))
                .header("Authorization", "Bearer " + token).GET().build();
        try {
            HttpResponse<java.io.InputStream> r = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (java.io.InputStream in = r.body()) {
                return new Answer(r.statusCode(), in.transferTo(java.io.OutputStream.nullOutputStream()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A GET whose body is kept, for small answers the caller reads. */
    String text(String path, String token) {
        HttpResponse<String> r = send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofMinutes(1))
                .header("Authorization", "Bearer " + token).GET().build());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("GET " + path + ": " + r.statusCode() + " " + r.body());
        }
        return r.body();
    }

    String viewerToken(String admin) {
        HttpResponse<String> r = send(HttpRequest.newBuilder(base.resolve("/api/v1/tokens"))
                .header("Authorization", "Bearer " + admin).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"role\":\"viewer\",\"name\":\"bench viewer\"}")).build());
        Matcher m = TOKEN.matcher(r.body());
        if (r.statusCode() != 201 || !m.find()) {
            throw new IllegalStateException("creating a viewer token: " + r.statusCode() + " " + r.body());
        }
        return m.group(1);
    }

    /** The sum of a Prometheus metric's samples (all label sets). */
    double metric(String token, String name) {
        String text = send(HttpRequest.newBuilder(base.resolve("/metrics")).header("Authorization", "Bearer " + token)
                .GET().build()).body();
        return text.lines().filter(l -> l.startsWith(name + " ") || l.startsWith(name + "{"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
