package io.banwatch.agent.send;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.banwatch.json.ReportCodec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPInputStream;

/**
 * A stand-in collector on loopback that answers from a script and records what it received.
 * Enrollment issues a token per host ({@code bw_h_enrolled} for the first, then
 * {@code bw_h_enrolled-2}, ...); once {@link #checkTokens()} is called it also checks each report's
 * token as the real collector does: unknown is 401, another host's is 403.
 */
final class ScriptedCollector implements AutoCloseable {
    record Answer(int status, Map<String, String> headers, String body) {
        static Answer of(int status) {
            return new Answer(status, Map.of(), "{}");
        }
    }

    private final HttpServer server;
    private final ConcurrentLinkedQueue<Answer> script = new ConcurrentLinkedQueue<>();
    private final Map<String, String> hostOfToken = new ConcurrentHashMap<>();
    private volatile boolean checkTokens;
    private volatile Answer enrollmentRefusal;
    final List<String> receivedReports = new CopyOnWriteArrayList<>();
    final List<String> authorizations = new CopyOnWriteArrayList<>();
    /** The host ids enrolled, in order. */
    final List<String> enrolledHosts = new CopyOnWriteArrayList<>();

    ScriptedCollector() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/api/v1/reports", ex -> {
            byte[] body = ex.getRequestBody().readAllBytes();
            String authorization = ex.getRequestHeaders().getFirst("Authorization");
            authorizations.add(authorization);
            String json = "gzip".equals(ex.getRequestHeaders().getFirst("Content-Encoding"))
                    ? new String(new GZIPInputStream(new java.io.ByteArrayInputStream(body)).readAllBytes())
                    : new String(body);
            Answer a = checkTokens ? tokenCheck(authorization, json) : null;
            if (a == null) {
                a = script.poll();
            }
            if (a == null) {
                a = Answer.of(201);
            }
            if (a.status() / 100 == 2) {
                receivedReports.add(json);
            }
            answer(ex, a);
        });
        server.createContext("/api/v1/enroll", ex -> {
            JsonNode request = new ObjectMapper().readTree(ex.getRequestBody().readAllBytes());
            Answer refusal = enrollmentRefusal;
            if (refusal != null) {
                answer(ex, refusal);
                return;
            }
            String hostId = request.path("hostId").asText();
            enrolledHosts.add(hostId);
            String token = "bw_h_enrolled" + (enrolledHosts.size() == 1 ? "" : "-" + enrolledHosts.size());
            hostOfToken.values().remove(hostId); // enrolling again revokes the host's older tokens
            hostOfToken.put(token, hostId);
            answer(ex, new Answer(201, Map.of(), "{\"token\":\"" + token + "\",\"hostId\":\"" + hostId + "\"}"));
        });
        server.createContext("/healthz", ex -> answer(ex, new Answer(200, Map.of(), "{\"status\":\"ok\"}")));
        server.start();
    }

    private Answer tokenCheck(String authorization, String json) {
        String token = authorization == null ? "" : authorization.replaceFirst("^Bearer ", "");
        String host = hostOfToken.get(token);
        if (host == null) {
            return new Answer(401, Map.of(), "{\"error\":\"unauthorized\",\"message\":\"a valid token is required\"}");
        }
        String reportHost = new ReportCodec().read(json).host().id();
        if (!host.equals(reportHost)) {
            return new Answer(403, Map.of(), "{\"error\":\"forbidden\",\"message\":\"this token belongs to host " + host
                    + ", not to host " + reportHost + "\"}");
        }
        return null;
    }

    private static void answer(HttpExchange ex, Answer a) throws IOException {
        a.headers().forEach((k, v) -> ex.getResponseHeaders().add(k, v));
        byte[] out = a.body().getBytes();
        ex.sendResponseHeaders(a.status(), out.length);
        ex.getResponseBody().write(out);
        ex.close();
    }

    void then(Answer... answers) {
        script.addAll(List.of(answers));
    }

    void clear() {
        script.clear();
    }

    /** From now on, a report's token must be one this collector issued for the report's host. */
    void checkTokens() {
        checkTokens = true;
    }

    /** Accepts {@code token} for {@code hostId}, as if it had been issued earlier. */
    void issued(String token, String hostId) {
        hostOfToken.put(token, hostId);
    }

    /** Revokes a token: reports sent with it get 401. */
    void revoke(String token) {
        hostOfToken.remove(token);
    }

    /** Answers every enrollment with this status and body. */
    void refuseEnrollment(int status, String body) {
        enrollmentRefusal = new Answer(status, Map.of(), body);
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
