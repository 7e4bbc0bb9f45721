package io.banwatch.collector.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.banwatch.collector.demo.SimulatedFleet.SimulatedHost;
import io.banwatch.json.ReportCodec;
import io.banwatch.model.ScanReport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Sends a simulated fleet to a collector through its public HTTP API, as a fleet of agents and an
 * administrator would: every report of the fleet in the order of its scans, each host enrolling
 * before its first, with the collector's {@link ReplayClock} set to just after the scan; then,
 * at the real time, the admin retires the hosts meant to be retired and issues a viewer token for
 * an auditor. Nothing goes around the API, so the demo exercises the same ingest, judgement and
 * audit log as a real fleet.
 */
public final class FleetLoader {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    /** How long after its scan an agent's report arrives. */
    private static final Duration DELIVERY = Duration.ofSeconds(40);

    private final HttpClient http;
    private final String base;
    private final ReplayClock clock;
    private final ObjectMapper json = new ObjectMapper();
    private final ReportCodec codec = new ReportCodec();

    /**
     * @param base  the collector's URL, e.g. {@code http://127.0.0.1:8740}
     * @param clock the collector's clock
     */
    public FleetLoader(HttpClient http, String base, ReplayClock clock) {
        this.http = http;
        this.base = base;
        this.clock = clock;
    }

    private record Scan(SimulatedHost host, ScanReport report) {
    }

    /** What was sent. */
    public record Loaded(int hosts, int reports, int retired) {
    }

    /**
     * @param enrollmentSecret the collector's enrollment secret
     * @param adminToken       an admin token, for the retirements and the auditor's token
     * @throws IllegalStateException when the collector refuses a request (the message says which and why)
     */
    public Loaded load(List<SimulatedHost> fleet, String enrollmentSecret, String adminToken) {
        List<Scan> scans = new ArrayList<>();
        fleet.forEach(h -> h.scans().forEach(r -> scans.add(new Scan(h, r))));
        scans.sort(Comparator.comparing(s -> s.report().scannedAt()));
        Map<String, String> tokens = new HashMap<>();
        try {
            for (Scan s : scans) {
                clock.windBackTo(s.report().scannedAt().plus(DELIVERY));
                String token = tokens.computeIfAbsent(s.host().hostId(), id -> json(post("/api/v1/enroll", null,
                        Map.of("enrollmentSecret", enrollmentSecret, "hostId", id, "hostname", s.host().hostname()), 201))
                        .get("token").asText());
                // 200 is a report the collector has already (the demo run again on the same data).
                send(request("/api/v1/reports", token).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(codec.toBytes(s.report(), false))), 200, 201);
            }
        } finally {
            clock.catchUp();
        }
        int retired = 0;
        for (SimulatedHost h : fleet) {
            if (h.retireReason() != null) {
                // 409: retired by an earlier run on the same data.
                post("/api/v1/hosts/" + h.hostId() + "/retire", adminToken, Map.of("reason", h.retireReason()), 200,
                        409);
                retired++;
            }
        }
        post("/api/v1/tokens", adminToken, Map.of("role", "viewer", "name", "auditor (demo)"), 201);
        return new Loaded(fleet.size(), scans.size(), retired);
    }

    private HttpResponse<String> post(String path, String token, Map<String, String> body, int... ok) {
        try {
            return send(request(path, token).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body))), ok);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(TIMEOUT);
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return b;
    }

    private HttpResponse<String> send(HttpRequest.Builder b, int... ok) {
        HttpRequest request = b.build();
        HttpResponse<String> r;
        try {
            r = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("demo: " + request.method() + " " + request.uri().getPath() + " failed: "
                    + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("demo: interrupted while loading the fleet", e);
        }
        for (int status : ok) {
            if (r.statusCode() == status) {
                return r;
            }
        }
        throw new IllegalStateException("demo: " + request.method() + " " + request.uri().getPath() + " answered "
                + r.statusCode() + ": " + r.body());
    }

    private com.fasterxml.jackson.databind.JsonNode json(HttpResponse<String> r) {
        try {
            return json.readTree(r.body());
        } catch (IOException e) {
            throw new IllegalStateException("demo: not JSON from " + r.uri().getPath() + ": " + r.body(), e);
        }
    }
}
