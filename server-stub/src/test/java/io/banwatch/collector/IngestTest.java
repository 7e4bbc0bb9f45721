package io.banwatch.collector;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.banwatch.model.Host;
import io.banwatch.model.ScanReport;
import io.banwatch.testkit.MutableClock;
import io.banwatch.testkit.ReportBuilder;
import io.banwatch.testkit.Samples;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Ingest: what is stored, what is refused, and that nothing is stored twice or by mistake. */
@ParameterizedClass(name = "on {0}")
@EnumSource(TestDatabase.Kind.class)
class IngestTest {
    @RegisterExtension
    final TestDatabase db;

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T10:00:00Z"));
    private final ObjectMapper json = new ObjectMapper();
    private TestCollector c;
    private String token;
    private final Host host = Samples.linuxHost("host-a", "ws-a");

    IngestTest(TestDatabase.Kind kind) {
        this.db = new TestDatabase(kind);
    }

    @BeforeEach
    void start() {
        var config = db.config(dir);
        config.maxBodyBytes = 256 * 1024;
        config.maxReportBytes = 1024 * 1024;
        c = TestCollector.start(config.build(), clock);
        token = c.enroll("host-a", "ws-a");
    }

    @AfterEach
    void stop() {
        c.close();
    }

    private long reports() {
        return db.count("SELECT COUNT(*) FROM reports");
    }

    private JsonNode body(HttpResponse<String> r) throws Exception {
        return json.readTree(r.body());
    }

    @Test
    void storesAReportAndJudgesItWithTheCollectorsOwnRules() throws Exception {
        ScanReport r = ReportBuilder.report()
                .host(host)
                .software(Samples.withKesl())
                .scannedAt(clock.instant())
                .build();
        HttpResponse<String> res = c.post("/api/v1/reports", token, ReportBuilder.json(r), null);

        assertThat(res.statusCode()).isEqualTo(201);
        JsonNode b = body(res);
        assertThat(b.path("status").asText()).isEqualTo("stored");
        assertThat(b.path("reportId").asText()).isEqualTo(r.reportId());
        // The agent sent no findings; the collector found kesl and judged it under the agent's profile.
        assertThat(b.path("level").asText()).isEqualTo("VIOLATION");
        assertThat(b.path("findings").asInt()).isEqualTo(1);
        assertThat(reports()).isEqualTo(1);
        assertThat(db.count("SELECT COALESCE(SUM(software_count), 0) FROM host_inventories")).isEqualTo(6);
        assertThat(db.text("SELECT rule_id FROM findings")).isEqualTo("kaspersky-us:kesl");
    }

    @Test
    void acceptsGzip() throws Exception {
        ScanReport r = ReportBuilder.report()
                .host(host)
                .software(Samples.withKesl())
                .scannedAt(clock.instant())
                .build();
        HttpResponse<String> res = c.post("/api/v1/reports", token, TestCollector.gzip(ReportBuilder.json(r)), "gzip");
        assertThat(res.statusCode()).isEqualTo(201);
        assertThat(body(res).path("status").asText()).isEqualTo("stored");
    }

    @Test
    void aRepeatedReportIdIsAcknowledgedAndStoredOnce() throws Exception {
        ScanReport r = ReportBuilder.report()
                .host(host)
                .software(Samples.withKesl())
                .scannedAt(clock.instant())
                .build();
        assertThat(c.post("/api/v1/reports", token, ReportBuilder.json(r), null).statusCode()).isEqualTo(201);
        HttpResponse<String> again = c.post("/api/v1/reports", token, ReportBuilder.json(r), null);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(body(again).path("status").asText()).isEqualTo("duplicate");
        assertThat(reports()).isEqualTo(1);
        assertThat(db.count("SELECT COUNT(*) FROM host_history WHERE event = 'level'")).isEqualTo(1);
    }

    @Test
    void anUnchangedInventoryOnlyTouchesTheHostRow() {
        c.post("/api/v1/reports", token, ReportBuilder.report()
                .host(host)
                .software(Samples.withKesl())
                .scannedAt(clock.instant())
                .json(), null);
        long links = db.count("SELECT COALESCE(SUM(software_count), 0) FROM host_inventories");
        long software = db.count("SELECT COUNT(*) FROM software");
        clock.advance(Duration.ofDays(1));
        ScanReport next = ReportBuilder.report()
                .host(host)
                .software(Samples.withKesl())
                .scannedAt(clock.instant())
                .build();
        assertThat(c.post("/api/v1/reports", token, ReportBuilder.json(next), null).statusCode()).isEqualTo(201);
        assertThat(db.count("SELECT COALESCE(SUM(software_count), 0) FROM host_inventories")).isEqualTo(links);
        assertThat(db.count("SELECT COUNT(*) FROM software")).isEqualTo(software);
        assertThat(db.text("SELECT last_report_id FROM hosts")).isEqualTo(next.reportId());
        // The second copy of the same inventory is not kept twice.
        assertThat(db.count("SELECT COUNT(*) FROM reports WHERE raw IS NOT NULL")).isEqualTo(1);
    }

    @Test
    void aSlimReportForAnInventoryTheCollectorDoesNotHaveIsAnsweredWith409() throws Exception {
        ScanReport slim = ReportBuilder.report()
                .host(host)
                .software(Samples.withKesl())
                .scannedAt(clock.instant())
                .build().withoutInventory();
        HttpResponse<String> res = c.post("/api/v1/reports", token, ReportBuilder.json(slim), null);
        assertThat(res.statusCode()).isEqualTo(409);
        assertThat(body(res).path("error").asText()).isEqualTo("inventory_unknown");
        assertThat(reports()).isZero();
    }

    @Test
    void aSlimReportOfAKnownInventoryIsRecordedWithTheStoredJudgement() throws Exception {
        c.post("/api/v1/reports", token, ReportBuilder.report()
                .host(host)
                .software(Samples.withKesl())
                .scannedAt(clock.instant())
                .json(), null);
        clock.advance(Duration.ofHours(2));
        ScanReport slim = ReportBuilder.report()
                .host(host)
                .software(Samples.withKesl())
                .scannedAt(clock.instant())
                .build().withoutInventory();
        HttpResponse<String> res = c.post("/api/v1/reports", token, ReportBuilder.json(slim), null);
        assertThat(res.statusCode()).isEqualTo(201);
        JsonNode b = body(res);
        assertThat(b.path("status").asText()).isEqualTo("stored");
        assertThat(b.path("level").asText()).isEqualTo("VIOLATION");
        assertThat(b.path("findings").asInt()).isEqualTo(1);
        assertThat(reports()).isEqualTo(2);
        assertThat(db.text("SELECT last_report_id FROM hosts")).isEqualTo(slim.reportId());
        // The host keeps its inventory: the slim report did not empty it.
        assertThat(db.count("SELECT software_count FROM hosts")).isEqualTo(6);
        assertThat(db.count("SELECT COALESCE(SUM(software_count), 0) FROM host_inventories")).isEqualTo(6);
        // A repeat of the slim report is a duplicate like any other.
        assertThat(c.post("/api/v1/reports", token, ReportBuilder.json(slim), null).statusCode()).isEqualTo(200);
    }

    @Test
    void theNextDayASlimReportIsJudgedAgainFromTheStoredInventory() throws Exception {
        // us-private on 2024-09-28: a DEADLINE a day away; the next day the update cut-off has passed.
        clock.set(Instant.parse("2024-09-28T16:00:00Z"));
        ScanReport first = ReportBuilder.report()
                .host(host)
                .software(Samples.withKesl())
                .scannedAt(clock.instant())
                .profile("us-private")
                .build();
        assertThat(body(c.post("/api/v1/reports", token, ReportBuilder.json(first), null)).path("level").asText())
                .isEqualTo("DEADLINE");
        clock.advance(Duration.ofDays(1));
        ScanReport next = ReportBuilder.from(first).id(UUID.randomUUID().toString()).scannedAt(clock.instant()).build();
        HttpResponse<String> res = c.post("/api/v1/reports", token, ReportBuilder.json(next.withoutInventory()), null);
        assertThat(res.statusCode()).isEqualTo(201);
        assertThat(body(res).path("level").asText()).isEqualTo("RISK");
        assertThat(db.text("SELECT level FROM hosts")).isEqualTo("RISK");
        assertThat(db.text("SELECT judged_on FROM hosts")).isEqualTo("2024-09-29");
        assertThat(db.count("SELECT software_count FROM hosts")).isEqualTo(6);
    }

    @Test
    void distinctSoftwareIsStoredOnceForAllHosts() {
        String tokenB = c.enroll("host-b", "ws-b");
        c.post("/api/v1/reports", token, ReportBuilder.report()
                .host(host)
                .software(Samples.withKesl())
                .scannedAt(clock.instant())
                .json(), null);
        c.post("/api/v1/reports", tokenB, ReportBuilder.report()
                .host(Samples.linuxHost("host-b", "ws-b"))
                .software(Samples.baseSoftware())
                .scannedAt(clock.instant())
                .json(), null);
        assertThat(db.count("SELECT COUNT(*) FROM software")).isEqualTo(6);
        assertThat(db.count("SELECT COALESCE(SUM(software_count), 0) FROM host_inventories")).isEqualTo(11);
    }

    @Test
    void anOlderReportIsKeptButDoesNotRewindTheHost() {
        ScanReport newer = ReportBuilder.report()
                .host(host)
                .software(Samples.baseSoftware())
                .scannedAt(clock.instant())
                .build();
        ScanReport older = ReportBuilder.report()
                .host(host)
                .software(Samples.withKesl())
                .scannedAt(clock.instant().minus(Duration.ofDays(2)))
                .build();
        c.post("/api/v1/reports", token, ReportBuilder.json(newer), null);
        HttpResponse<String> res = c.post("/api/v1/reports", token, ReportBuilder.json(older), null);
        assertThat(res.statusCode()).isEqualTo(201);
        assertThat(res.body()).contains("\"status\":\"stored_older\"");
        assertThat(reports()).isEqualTo(2);
        assertThat(db.text("SELECT last_report_id FROM hosts")).isEqualTo(newer.reportId());
        assertThat(db.text("SELECT level FROM hosts")).isNull();
    }

    // ---- bad input: a clear 4xx JSON error and nothing stored ----

    private void assertRefused(HttpResponse<String> res, int status, String code, String messagePart) throws Exception {
        assertThat(res.statusCode()).isEqualTo(status);
        assertThat(res.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        JsonNode b = body(res);
        assertThat(b.path("error").asText()).isEqualTo(code);
        assertThat(b.path("message").asText()).contains(messagePart);
        assertThat(reports()).isZero();
        assertThat(db.count("SELECT COUNT(*) FROM hosts")).isZero();
    }

    @Test
    void refusesMalformedJson() throws Exception {
        assertRefused(c.post("/api/v1/reports", token, "{\"schemaVersion\": 1, "), 400, "invalid_report", "malformed JSON");
    }

    @Test
    void refusesAnUnknownSchemaVersion() throws Exception {
        String json = new String(ReportBuilder.report()
                .host(host)
                .software(Samples.withKesl())
                .scannedAt(clock.instant())
                .json(), StandardCharsets.UTF_8)
                .replace("\"schemaVersion\":1", "\"schemaVersion\":2");
        assertRefused(c.post("/api/v1/reports", token, json), 400, "unsupported_schema", "unsupported version 2");
    }

    @Test
    void refusesAReportMissingARequiredFieldAndNamesIt() throws Exception {
        String json = new String(ReportBuilder.report()
                .host(host)
                .software(Samples.withKesl())
                .scannedAt(clock.instant())
                .json(), StandardCharsets.UTF_8)
                .replace("\"hostname\":\"ws-a\",", "");
        assertRefused(c.post("/api/v1/reports", token, json), 400, "invalid_report", "host.hostname: missing required field");
    }

    @Test
    void refusesAReportIdTooLongForItsColumn() throws Exception {
        ScanReport r = ReportBuilder.report()
                .id("r".repeat(65))
                .host(host)
                .software(Samples.withKesl())
                .scannedAt(clock.instant())
                .build();
        assertRefused(c.post("/api/v1/reports", token, ReportBuilder.json(r), null), 400, "invalid_report",
                "reportId: longer than 64 characters");
    }

    @Test
    void refusesABodyOverTheLimit() throws Exception {
        byte[] huge = new byte[300 * 1024];
        Arrays.fill(huge, (byte) ' ');
        assertRefused(c.post("/api/v1/reports", token, huge, null), 413, "too_large", "larger than 262144 bytes");
    }

    @Test
    void refusesAChunkedBodyOverTheLimitThoughItDeclaresNoLength() throws Exception {
        byte[] huge = new byte[300 * 1024];
        Arrays.fill(huge, (byte) ' ');
        // A stream of unknown length: the JDK client sends it chunked, with no Content-Length.
        HttpRequest request = HttpRequest.newBuilder(java.net.URI.create(c.base + "/api/v1/reports"))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(huge))).build();
        assertThat(request.bodyPublisher().orElseThrow().contentLength()).isNegative();
        assertRefused(c.send(request), 413, "too_large", "larger than 262144 bytes");
    }

    @Test
    void refusesAGzipBomb() throws Exception {
        // 64 KiB on the wire, 64 MiB once inflated: far past the 1 MiB report limit.
        byte[] zeros = new byte[64 * 1024 * 1024];
        byte[] bomb = TestCollector.gzip(zeros);
        assertThat(bomb.length).isLessThan(256 * 1024);
        assertRefused(c.post("/api/v1/reports", token, bomb, "gzip"), 413, "too_large", "once decompressed");
    }

    @Test
    void refusesACorruptGzipStream() throws Exception {
        byte[] gz = TestCollector.gzip(ReportBuilder.report()
                .host(host)
                .software(Samples.withKesl())
                .scannedAt(clock.instant())
                .json());
        byte[] cut = Arrays.copyOf(gz, gz.length / 2);
        assertRefused(c.post("/api/v1/reports", token, cut, "gzip"), 400, "bad_gzip", "corrupt");
    }

    @Test
    void refusesAnUnsupportedEncoding() throws Exception {
        assertRefused(c.post("/api/v1/reports", token, new byte[]{1, 2, 3}, "br"), 415, "unsupported_encoding", "'br'");
    }

    @Test
    void refusesAHostTokenUsedForAnotherHost() throws Exception {
        ScanReport other = ReportBuilder.report()
                .host(Samples.linuxHost("host-z", "ws-z"))
                .software(Samples.withKesl())
                .scannedAt(clock.instant())
                .build();
        assertRefused(c.post("/api/v1/reports", token, ReportBuilder.json(other), null), 403, "forbidden",
                "belongs to host host-a, not to host host-z");
    }

    @Test
    void countsIngestAndRejectionsInMetrics() {
        c.post("/api/v1/reports", token, ReportBuilder.report()
                .host(host)
                .software(Samples.withKesl())
                .scannedAt(clock.instant())
                .json(), null);
        c.post("/api/v1/reports", token, "{");
        String metrics = c.get("/metrics", c.viewer()).body();
        assertThat(metrics).contains("banwatch_reports_ingested_total 1")
                .contains("banwatch_reports_rejected_total{reason=\"invalid_report\"} 1")
                .contains("banwatch_ingest_latency_seconds_count 1")
                .contains("banwatch_hosts 1")
                .contains("banwatch_db_pool_max")
                .containsPattern("(?m)^banwatch_db_pool_total [1-9]");
    }

    @Test
    void manyConcurrentReportsAreEachStoredExactlyOnce() throws Exception {
        int hosts = 20;
        List<String> tokens = new java.util.ArrayList<>();
        for (int i = 0; i < hosts; i++) {
            tokens.add(c.enroll("host-" + i, "ws-" + i));
        }
        List<ScanReport> sent = new java.util.ArrayList<>();
        for (int round = 0; round < 5; round++) {
            for (int i = 0; i < hosts; i++) {
                sent.add(ReportBuilder.report()
                        .host(Samples.linuxHost("host-" + i, "ws-" + i))
                        .software(i % 2 == 0 ? Samples.withKesl() : Samples.baseSoftware())
                        .scannedAt(clock.instant().plusSeconds(round))
                        .build());
            }
        }
        var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            List<java.util.concurrent.Future<Integer>> results = new java.util.ArrayList<>();
            for (ScanReport r : sent) {
                String t = tokens.get(Integer.parseInt(r.host().id().substring(5)));
                // Every report twice, concurrently: a retry racing its original.
                results.add(pool.submit(() -> c.post("/api/v1/reports", t, ReportBuilder.json(r), null).statusCode()));
                results.add(pool.submit(() -> c.post("/api/v1/reports", t, ReportBuilder.json(r), null).statusCode()));
            }
            for (var f : results) {
                assertThat(f.get()).isIn(200, 201);
            }
        } finally {
            pool.shutdown();
        }
        assertThat(reports()).isEqualTo(sent.size());
        assertThat(db.count("SELECT COUNT(*) FROM hosts WHERE level = 'VIOLATION'")).isEqualTo(hosts / 2);
    }
}
