package io.banwatch.collector;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.banwatch.model.Host;
import io.banwatch.model.Software;
import io.banwatch.testkit.MutableClock;
import io.banwatch.testkit.ReportBuilder;
import io.banwatch.testkit.Samples;
import io.banwatch.testkit.WebhookReceiver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The compliance officer's day: hosts report, the fleet is summarised, exported, and alerts go out. */
@ParameterizedClass(name = "on {0}")
@EnumSource(TestDatabase.Kind.class)
class FleetFlowTest {
    @RegisterExtension
    final TestDatabase db;

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T10:00:00Z"));
    private final ObjectMapper json = new ObjectMapper();

    FleetFlowTest(TestDatabase.Kind kind) {
        this.db = new TestDatabase(kind);
    }

    @Test
    void enrollIngestSummaryCsvAndWebhook() throws Exception {
        try (WebhookReceiver hook = new WebhookReceiver()) {
            var config = db.config(dir);
            config.webhookUrl = hook.url();
            config.alertWorker = false;
            try (TestCollector c = TestCollector.start(config.build(), clock)) {
                String a = c.enroll("host-a", "ws-a");
                String b = c.enroll("host-b", "ws-b");
                Host hostA = Samples.linuxHost("host-a", "ws-a");
                Host hostB = Samples.linuxHost("host-b", "ws-b");
                c.post("/api/v1/reports", a, ReportBuilder.report()
                        .host(hostA)
                        .software(Samples.withKesl())
                        .scannedAt(clock.instant())
                        .json(), null);
                c.post("/api/v1/reports", b, ReportBuilder.report()
                        .host(hostB)
                        .software(Samples.baseSoftware())
                        .scannedAt(clock.instant())
                        .json(), null);
                String viewer = c.viewer();

                JsonNode summary = json.readTree(c.get("/api/v1/summary", viewer).body());
                assertThat(summary.path("hosts").asLong()).isEqualTo(2);
                assertThat(summary.path("byLevel").path("VIOLATION").asLong()).isEqualTo(1);
                assertThat(summary.path("byLevel").path("CLEAN").asLong()).isEqualTo(1);
                assertThat(summary.path("byProfile").path("us-federal").asLong()).isEqualTo(2);
                assertThat(summary.path("kasperskyInstalled").asLong()).isEqualTo(1);
                assertThat(summary.path("stale").asLong()).isZero();
                JsonNode ndaa = null;
                for (JsonNode d : summary.path("deadlines")) {
                    if (d.path("id").asText().equals("ndaa-1634-effective")) {
                        ndaa = d;
                    }
                }
                assertThat(ndaa).isNotNull();
                assertThat(ndaa.path("passed").asBoolean()).isTrue();
                assertThat(ndaa.path("hosts").asLong()).isEqualTo(1);
                assertThat(ndaa.path("date").asText()).isEqualTo("2018-10-01");

                HttpResponse<String> csv = c.get("/api/v1/export/hosts.csv", viewer);
                assertThat(csv.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/csv"));
                List<String> lines = csv.body().lines().toList();
                assertThat(lines.get(0)).startsWith("host_id,hostname,level,profile,");
                assertThat(lines).hasSize(3);
                assertThat(lines.get(1)).startsWith("host-a,ws-a,VIOLATION,us-federal,linux,");
                assertThat(lines.get(2)).startsWith("host-b,ws-b,CLEAN,us-federal,linux,");

                String findings = c.get("/api/v1/export/findings.csv", viewer).body();
                assertThat(findings).contains("host-a,ws-a,VIOLATION,us-federal,Kaspersky,Kaspersky Endpoint Security for Linux,installed,ndaa-1634-effective");

                assertThat(c.server.deliverAlertsNow()).isEqualTo(1);
                assertThat(hook.received).hasSize(1);
                JsonNode alert = json.readTree(hook.received.get(0).body());
                assertThat(alert.path("event").asText()).isEqualTo("banwatch.host.level_changed");
                assertThat(alert.path("host").path("hostname").asText()).isEqualTo("ws-a");
                assertThat(alert.path("level").asText()).isEqualTo("VIOLATION");
                assertThat(alert.path("previousLevel").isNull()).isTrue();
                assertThat(alert.path("text").asText()).startsWith("banwatch: ws-a is now VIOLATION under us-federal.");
                assertThat(alert.path("findings").get(0).path("product").asText())
                        .isEqualTo("Kaspersky Endpoint Security for Linux");
                assertThat(hook.received.get(0).idempotencyKey()).isEqualTo(alert.path("alertKey").asText());
            }
        }
    }

    @Test
    void hostDetailHistoryFiltersPagingAndStaleHosts() throws Exception {
        try (TestCollector c = TestCollector.start(db.config(dir).build(), clock)) {
            String viewer = c.viewer();
            for (int i = 0; i < 12; i++) {
                String id = String.format("host-%02d", i);
                String t = c.enroll(id, "ws-" + i);
                List<Software> sw = i < 3 ? Samples.withKesl() : Samples.baseSoftware();
                c.post("/api/v1/reports", t, ReportBuilder.report()
                        .host(Samples.linuxHost(id, "ws-" + i))
                        .software(sw)
                        .scannedAt(clock.instant())
                        .json(), null);
                if (i == 0) {
                    clock.advance(Duration.ofDays(10));
                }
            }
            JsonNode violation = json.readTree(c.get("/api/v1/hosts?level=violation", viewer).body());
            assertThat(violation.path("total").asLong()).isEqualTo(3);
            JsonNode clean = json.readTree(c.get("/api/v1/hosts?level=clean&size=5&page=2", viewer).body());
            assertThat(clean.path("total").asLong()).isEqualTo(9);
            assertThat(clean.path("items").size()).isEqualTo(4);
            JsonNode stale = json.readTree(c.get("/api/v1/hosts?stale=1", viewer).body());
            assertThat(stale.path("total").asLong()).isEqualTo(1);
            assertThat(stale.path("items").get(0).path("hostId").asText()).isEqualTo("host-00");
            JsonNode summary = json.readTree(c.get("/api/v1/summary", viewer).body());
            assertThat(summary.path("stale").asLong()).isEqualTo(1);
            assertThat(summary.path("staleDays").asLong()).isEqualTo(7);
            JsonNode search = json.readTree(c.get("/api/v1/hosts?q=WS-1", viewer).body());
            assertThat(search.path("total").asLong()).isEqualTo(3);
            assertThat(c.get("/api/v1/hosts?level=severe", viewer).statusCode()).isEqualTo(400);
            assertThat(c.get("/api/v1/hosts?size=100000", viewer).statusCode()).isEqualTo(400);

            // host-01 removes Kaspersky: its history tells when it appeared and when it went.
            String t1 = c.enroll("host-01", "ws-1");
            clock.advance(Duration.ofDays(1));
            c.post("/api/v1/reports", t1, ReportBuilder.report()
                    .host(Samples.linuxHost("host-01", "ws-1"))
                    .software(Samples.baseSoftware())
                    .scannedAt(clock.instant())
                    .json(), null);
            JsonNode detail = json.readTree(c.get("/api/v1/hosts/host-01", viewer).body());
            assertThat(detail.path("host").path("level").asText()).isEqualTo("CLEAN");
            assertThat(detail.path("host").path("kasperskyInstalled").asBoolean()).isFalse();
            assertThat(detail.path("host").path("kasperskyFirstSeen").asText()).isEqualTo("2026-12-04T10:00:00Z");
            assertThat(detail.path("host").path("kasperskyRemovedAt").asText()).isEqualTo("2026-12-05T10:00:00Z");
            assertThat(detail.path("software").size()).isEqualTo(5);
            List<String> events = new java.util.ArrayList<>();
            detail.path("history").forEach(h -> events.add(h.path("event").asText() + ":" + h.path("toLevel").asText("")));
            // Newest first; within one report the Kaspersky event is written before the level change.
            assertThat(events).containsExactly("level:CLEAN", "kaspersky-removed:", "level:VIOLATION", "kaspersky-appeared:",
                    "first-seen:");
            assertThat(c.get("/api/v1/hosts/nope", viewer).statusCode()).isEqualTo(404);

            JsonNode findings = json.readTree(c.get("/api/v1/findings?level=VIOLATION", viewer).body());
            assertThat(findings.path("total").asLong()).isEqualTo(2);
            assertThat(findings.path("items").get(0).path("evidence").get(0).path("name").asText()).isEqualTo("kesl");
        }
    }

    @Test
    void csvCellsThatLookLikeFormulasAreNeutralised() {
        try (TestCollector c = TestCollector.start(db.config(dir).build(), clock)) {
            String t = c.enroll("host-x", "ws-x");
            Host evil = Samples.linuxHost("host-x", "=HYPERLINK(\"http://evil.example\",\"click\")");
            List<Software> sw = Samples.withKesl();
            c.post("/api/v1/reports", t, ReportBuilder.report()
                    .host(evil)
                    .software(sw)
                    .scannedAt(clock.instant())
                    .json(), null);
            String csv = c.get("/api/v1/export/hosts.csv", c.viewer()).body();
            assertThat(csv).contains(",\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"click\"\")\",");
            assertThat(csv.lines().skip(1)).noneMatch(l -> l.contains(",=") || l.contains(",\"="));
        }
    }

    @Test
    void findingsCsvNeutralisesAFormulaHostname() {
        try (TestCollector c = TestCollector.start(db.config(dir).build(), clock)) {
            String t = c.enroll("host-x", "ws-x");
            Host evil = Samples.linuxHost("host-x", "@SUM(1+1)*cmd|' /C calc'!A0");
            c.post("/api/v1/reports", t, ReportBuilder.report()
                    .host(evil)
                    .software(Samples.withKesl())
                    .scannedAt(clock.instant())
                    .json(), null);
            List<String> lines = c.get("/api/v1/export/findings.csv", c.viewer()).body().lines().toList();
            assertThat(lines).hasSize(2);
            assertThat(lines.get(1)).startsWith("host-x,'@SUM(1+1)*cmd|' /C calc'!A0,VIOLATION,");
        }
    }
}
