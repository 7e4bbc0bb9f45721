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

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A reportId is one scan of one host. The same scan again — a retry, gzipped or not, slim or full —
 * is acknowledged (200) and stored once; the id with another host or other content is refused
 * with 409 and nothing of it is stored, so no answer shows a judgement that was not kept.
 */
@ParameterizedClass(name = "on {0}")
@EnumSource(TestDatabase.Kind.class)
class ReportIdConflictTest {
    @RegisterExtension
    final TestDatabase db;

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T10:00:00Z"));
    private final ObjectMapper json = new ObjectMapper();
    private final Host hostA = Samples.linuxHost("host-a", "ws-a");
    private final Host hostB = Samples.linuxHost("host-b", "ws-b");
    private TestCollector c;
    private String tokenA;
    private String tokenB;
    private ScanReport original;

    ReportIdConflictTest(TestDatabase.Kind kind) {
        this.db = new TestDatabase(kind);
    }

    @BeforeEach
    void start() {
        c = TestCollector.start(db.config(dir).build(), clock);
        tokenA = c.enroll("host-a", "ws-a");
        tokenB = c.enroll("host-b", "ws-b");
        original = ReportBuilder.report()
                .id("6f1c2d9e-0000-4000-8000-000000000001")
                .host(hostA)
                .software(Samples.withKesl())
                .scannedAt(clock.instant())
                .build();
        assertThat(c.post("/api/v1/reports", tokenA, ReportBuilder.json(original), null).statusCode()).isEqualTo(201);
        clock.advance(Duration.ofMinutes(5));
    }

    @AfterEach
    void stop() {
        c.close();
    }

    private void assertConflict(HttpResponse<String> res) throws Exception {
        assertThat(res.statusCode()).isEqualTo(409);
        JsonNode b = json.readTree(res.body());
        assertThat(b.path("error").asText()).isEqualTo("report_id_conflict");
        assertThat(b.path("message").asText())
                .isEqualTo("report 6f1c2d9e-0000-4000-8000-000000000001 was already stored with different content");
        assertThat(db.count("SELECT COUNT(*) FROM reports")).isEqualTo(1);
        assertThat(db.text("SELECT h.host_id FROM reports r JOIN hosts h ON h.pk = r.host_pk")).isEqualTo("host-a");
    }

    @Test
    void anotherHostsReportWithATakenIdIsRefusedAndLeavesNoTrace() throws Exception {
        ScanReport other = ReportBuilder.report()
                .id(original.reportId())
                .host(hostB)
                .software(Samples.baseSoftware())
                .scannedAt(clock.instant())
                .build();
        assertConflict(c.post("/api/v1/reports", tokenB, ReportBuilder.json(other), null));
        // Not even an empty host row for host-b: it has never been stored.
        assertThat(db.count("SELECT COUNT(*) FROM hosts")).isEqualTo(1);
        assertThat(c.get("/api/v1/hosts/host-b", c.viewer()).statusCode()).isEqualTo(404);
        assertThat(c.get("/metrics", c.viewer()).body())
                .contains("banwatch_reports_rejected_total{reason=\"report_id_conflict\"} 1");
    }

    @Test
    void theSameIdWithOtherContentIsRefusedAndTheHostKeepsItsState() throws Exception {
        ScanReport otherInventory = ReportBuilder.report()
                .id(original.reportId())
                .host(hostA)
                .software(Samples.baseSoftware())
                .scannedAt(original.scannedAt())
                .build();
        assertConflict(c.post("/api/v1/reports", tokenA, ReportBuilder.json(otherInventory), null));
        assertConflict(c.post("/api/v1/reports", tokenA,
                ReportBuilder.from(original).scannedAt(original.scannedAt().plusSeconds(1)).json(), null));
        JsonNode host = json.readTree(c.get("/api/v1/hosts/host-a", c.viewer()).body()).path("host");
        assertThat(host.path("level").asText()).isEqualTo("VIOLATION");
        assertThat(db.text("SELECT last_report_id FROM hosts")).isEqualTo(original.reportId());
        assertThat(db.count("SELECT COUNT(*) FROM host_history WHERE event = 'level'")).isEqualTo(1);
    }

    @Test
    void theSameScanAgainInAnyFormIsADuplicate() throws Exception {
        for (HttpResponse<String> again : List.of(
                c.post("/api/v1/reports", tokenA, ReportBuilder.json(original), null),
                c.post("/api/v1/reports", tokenA, TestCollector.gzip(ReportBuilder.json(original)), "gzip"),
                c.post("/api/v1/reports", tokenA, ReportBuilder.json(original.withoutInventory()), null))) {
            assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
            assertThat(json.readTree(again.body()).path("status").asText()).isEqualTo("duplicate");
            assertThat(json.readTree(again.body()).path("level").asText()).isEqualTo("VIOLATION");
        }
        assertThat(db.count("SELECT COUNT(*) FROM reports")).isEqualTo(1);
    }
}
