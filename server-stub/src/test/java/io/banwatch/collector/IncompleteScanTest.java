package io.banwatch.collector;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.banwatch.model.Host;
import io.banwatch.model.ScanError;
import io.banwatch.model.ScanReport;
import io.banwatch.model.Software;
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
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A scan that could not read a primary source proves nothing by finding nothing: such a host is
 * INCOMPLETE, never CLEAN, in every answer — ingest, API, CSV, dashboard — and the change is history.
 */
@ParameterizedClass(name = "on {0}")
@EnumSource(TestDatabase.Kind.class)
class IncompleteScanTest {
    private static final ScanError DPKG_UNREADABLE = new ScanError("dpkg",
            "cannot read /var/lib/dpkg/status: permission denied", true);
    private static final ScanError UNITS_UNREADABLE = new ScanError("systemd-units", "systemctl timed out", false);

    @RegisterExtension
    final TestDatabase db;

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T10:00:00Z"));
    private final ObjectMapper json = new ObjectMapper();
    private final Host host = Samples.linuxHost("host-a", "ws-a");
    private TestCollector c;
    private String token;
    private String viewer;

    IncompleteScanTest(TestDatabase.Kind kind) {
        this.db = new TestDatabase(kind);
    }

    @BeforeEach
    void start() {
        c = TestCollector.start(db.config(dir).build(), clock);
        token = c.enroll("host-a", "ws-a");
        viewer = c.viewer();
    }

    @AfterEach
    void stop() {
        c.close();
    }

    private JsonNode send(List<Software> software, ScanError... errors) throws Exception {
        clock.advance(Duration.ofMinutes(30));
        ScanReport r = ReportBuilder.from(ReportBuilder.report().host(host).software(software).scannedAt(clock.instant()).build())
                .errors(List.of(errors))
                .build();
        HttpResponse<String> res = c.post("/api/v1/reports", token, ReportBuilder.json(r), null);
        assertThat(res.statusCode()).as(res.body()).isEqualTo(201);
        return json.readTree(res.body());
    }

    private JsonNode get(String path) throws Exception {
        return json.readTree(c.get(path, viewer).body());
    }

    private List<String> levelHistory() throws Exception {
        List<String> changes = new ArrayList<>();
        get("/api/v1/hosts/host-a").path("history").forEach(e -> {
            if (e.path("event").asText().equals("level")) {
                changes.add(e.path("fromLevel").asText("none") + "->" + e.path("toLevel").asText());
            }
        });
        return changes;
    }

    @Test
    void nothingFoundWithoutThePackageDatabaseIsIncompleteEverywhere() throws Exception {
        assertThat(send(Samples.baseSoftware(), DPKG_UNREADABLE, UNITS_UNREADABLE).path("level").asText())
                .isEqualTo("INCOMPLETE");

        JsonNode detail = get("/api/v1/hosts/host-a");
        assertThat(detail.path("host").path("level").asText()).isEqualTo("INCOMPLETE");
        assertThat(detail.path("scanErrors")).extracting(e -> e.path("source").asText() + ":" + e.path("primary").asBoolean())
                .containsExactly("dpkg:true", "systemd-units:false");
        assertThat(get("/api/v1/summary").path("byLevel").path("INCOMPLETE").asLong()).isEqualTo(1);
        assertThat(get("/api/v1/summary").path("byLevel").path("CLEAN").asLong()).isZero();
        assertThat(get("/api/v1/hosts?level=incomplete").path("total").asLong()).isEqualTo(1);
        assertThat(get("/api/v1/hosts?level=clean").path("total").asLong()).isZero();
        assertThat(get("/api/v1/hosts").path("items").get(0).path("level").asText()).isEqualTo("INCOMPLETE");
        assertThat(c.get("/api/v1/export/hosts.csv", viewer).body().lines().skip(1))
                .singleElement().satisfies(l -> assertThat(l).startsWith("host-a,ws-a,INCOMPLETE,"));
        assertThat(levelHistory()).containsExactly("none->INCOMPLETE");

        String page = c.get("/hosts/host-a", viewer).body();
        assertThat(page).contains("<span class=\"badge INCOMPLETE\">INCOMPLETE</span>",
                "Incomplete scan:</strong> the last scan could not read <code>dpkg</code>, so finding nothing there"
                        + " proves nothing.", "cannot read /var/lib/dpkg/status: permission denied", "No findings in what the last scan could read.")
                .doesNotContain("could not read <code>systemd-units</code>", "No findings on this host.");
        String summary = c.get("/", viewer).body();
        assertThat(summary).contains("<a class=\"card INCOMPLETE\" href=\"/hosts?level=incomplete\"><span class=\"n\">1"
                + "</span>incomplete</a>");
        assertThat(c.get("/hosts?level=incomplete", viewer).body()).contains("1 host<", "<option value=\"incomplete\" selected>");
    }

    @Test
    void theNextCompleteScanOfTheSameInventoryIsCleanAndThatIsATransition() throws Exception {
        send(Samples.baseSoftware(), DPKG_UNREADABLE);
        // Same inventory, same day, same rules: only the errors differ, and they decide.
        assertThat(send(Samples.baseSoftware()).path("level").asText()).isEqualTo("CLEAN");
        assertThat(get("/api/v1/hosts/host-a").path("host").path("level").asText()).isEqualTo("CLEAN");
        assertThat(get("/api/v1/hosts/host-a").path("scanErrors")).isEmpty();
        assertThat(send(Samples.baseSoftware(), DPKG_UNREADABLE).path("level").asText()).isEqualTo("INCOMPLETE");
        assertThat(levelHistory()).containsExactly("CLEAN->INCOMPLETE", "INCOMPLETE->CLEAN", "none->INCOMPLETE");
    }

    @Test
    void aSecondarySourceFailingLeavesTheScanComplete() throws Exception {
        assertThat(send(Samples.baseSoftware(), UNITS_UNREADABLE).path("level").asText()).isEqualTo("CLEAN");
        assertThat(levelHistory()).isEmpty();
        assertThat(c.get("/hosts/host-a", viewer).body()).doesNotContain("Incomplete scan")
                .contains("systemctl timed out");
    }

    @Test
    void somethingWorseFoundStillWinsAndTheFailedSourceIsNamed() throws Exception {
        assertThat(send(Samples.withKesl(), new ScanError("rpm", "rpm -qa exited 1", true)).path("level").asText())
                .isEqualTo("VIOLATION");
        assertThat(c.get("/hosts/host-a", viewer).body()).contains("could not read <code>rpm</code>")
                .doesNotContain("Nothing worse was found");
    }
}
