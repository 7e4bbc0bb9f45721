package io.banwatch.collector;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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

import static org.assertj.core.api.Assertions.assertThat;

/**
 * scannedAt must be a time a scan can have run at: not more than a day after the collector's
 * clock, not before 2017-01-01. Out of bounds is 400 naming the field, and nothing is stored.
 */
@ParameterizedClass(name = "on {0}")
@EnumSource(TestDatabase.Kind.class)
class ScanTimeBoundsTest {
    private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");

    @RegisterExtension
    final TestDatabase db;

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(NOW);
    private final ObjectMapper json = new ObjectMapper();
    private TestCollector c;
    private int hosts;

    ScanTimeBoundsTest(TestDatabase.Kind kind) {
        this.db = new TestDatabase(kind);
    }

    @BeforeEach
    void start() {
        c = TestCollector.start(db.config(dir).build(), clock);
    }

    @AfterEach
    void stop() {
        c.close();
    }

    /** Each scan from a host of its own, so that one accepted far ahead cannot make the next "older". */
    private HttpResponse<String> scannedAt(Instant at) {
        String id = "host-" + ++hosts;
        ScanReport r = ReportBuilder.report()
                .host(Samples.linuxHost(id, "ws-" + hosts))
                .software(Samples.baseSoftware())
                .scannedAt(at)
                .build();
        return c.post("/api/v1/reports", c.enroll(id, "ws-" + hosts), ReportBuilder.json(r), null);
    }

    private void assertRefused(HttpResponse<String> res, String message) throws Exception {
        assertThat(res.statusCode()).as(res.body()).isEqualTo(400);
        JsonNode b = json.readTree(res.body());
        assertThat(b.path("error").asText()).isEqualTo("invalid_report");
        assertThat(b.path("message").asText()).isEqualTo(message);
    }

    @Test
    void aDayAheadOfTheCollectorsClockIsTheLatest() throws Exception {
        assertThat(scannedAt(NOW.plus(Duration.ofDays(1))).statusCode()).isEqualTo(201);
        assertRefused(scannedAt(NOW.plus(Duration.ofDays(1)).plusMillis(1)), "scannedAt: 2026-11-25T10:00:00.001Z is"
                + " more than a day after the collector's clock (2026-11-24T10:00:00Z); check the host's clock");
        assertThat(db.count("SELECT COUNT(*) FROM reports")).isEqualTo(1);
    }

    @Test
    void theBoundMovesWithTheCollectorsClock() throws Exception {
        Instant ahead = NOW.plus(Duration.ofDays(3));
        assertThat(scannedAt(ahead).statusCode()).isEqualTo(400);
        clock.set(NOW.plus(Duration.ofDays(2)));
        assertThat(scannedAt(ahead).statusCode()).isEqualTo(201);
    }

    @Test
    void theFirstOf2017IsTheEarliest() throws Exception {
        assertThat(scannedAt(Instant.parse("2017-01-01T00:00:00Z")).statusCode()).isEqualTo(201);
        assertRefused(scannedAt(Instant.parse("2016-12-31T23:59:59.999Z")), "scannedAt: 2016-12-31T23:59:59.999Z is"
                + " before 2017-01-01T00:00:00Z, earlier than any banwatch scan; check the host's clock");
        assertRefused(scannedAt(Instant.EPOCH), "scannedAt: 1970-01-01T00:00:00Z is before 2017-01-01T00:00:00Z,"
                + " earlier than any banwatch scan; check the host's clock");
    }

    @Test
    void farFutureTimesAreRefusedNotStoredAndNotAServerError() throws Exception {
        HttpResponse<String> year9999 = scannedAt(Instant.parse("9999-12-31T00:00:00Z"));
        assertThat(year9999.statusCode()).isEqualTo(400);
        assertThat(json.readTree(year9999.body()).path("message").asText()).startsWith("scannedAt: 9999-12-31T00:00:00Z is");
        HttpResponse<String> max = scannedAt(Instant.MAX);
        assertThat(max.statusCode()).as(max.body()).isEqualTo(400);
        assertThat(json.readTree(max.body()).path("message").asText()).startsWith("scannedAt: ");
        assertThat(db.count("SELECT COUNT(*) FROM reports")).isZero();
        assertThat(db.count("SELECT COUNT(*) FROM hosts")).isZero();
    }
}
