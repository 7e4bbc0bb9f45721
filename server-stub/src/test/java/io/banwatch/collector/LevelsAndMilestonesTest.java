package io.banwatch.collector;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.banwatch.model.Host;
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

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the API, the CSV and the dashboard say about a host's level and a finding's milestone: a
 * clean host is CLEAN (not null), the milestone column names the milestone whose date it shows,
 * a VIOLATION says since when it is prohibited, and the most serious finding comes first.
 */
@ParameterizedClass(name = "on {0}")
@EnumSource(TestDatabase.Kind.class)
class LevelsAndMilestonesTest {
    @RegisterExtension
    final TestDatabase db;

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T10:00:00Z"));
    private final ObjectMapper json = new ObjectMapper();
    private TestCollector c;
    private String viewer;

    LevelsAndMilestonesTest(TestDatabase.Kind kind) {
        this.db = new TestDatabase(kind);
    }

    @BeforeEach
    void start() {
        c = TestCollector.start(db.config(dir).build(), clock);
        viewer = c.viewer();
    }

    @AfterEach
    void stop() {
        c.close();
    }

    private JsonNode send(String id, ScanReport r) throws Exception {
        var res = c.post("/api/v1/reports", c.enroll(id, "ws-" + id), ReportBuilder.json(r), null);
        assertThat(res.statusCode()).as(res.body()).isEqualTo(201);
        return json.readTree(res.body());
    }

    private JsonNode get(String path) throws Exception {
        return json.readTree(c.get(path, viewer).body());
    }

    @Test
    void aCleanHostIsCleanInEveryAnswer() throws Exception {
        Host clean = Samples.linuxHost("host-c", "ws-c");
        assertThat(send("host-c", ReportBuilder.report()
                .host(clean)
                .software(Samples.baseSoftware())
                .scannedAt(clock.instant())
                .build()).path("level").asText())
                .isEqualTo("CLEAN");
        assertThat(get("/api/v1/hosts").path("items").get(0).path("level").asText()).isEqualTo("CLEAN");
        assertThat(get("/api/v1/hosts?level=clean").path("items").get(0).path("level").asText()).isEqualTo("CLEAN");
        assertThat(get("/api/v1/hosts/host-c").path("host").path("level").asText()).isEqualTo("CLEAN");
        assertThat(get("/api/v1/summary").path("byLevel").path("CLEAN").asLong()).isEqualTo(1);
        assertThat(c.get("/api/v1/export/hosts.csv", viewer).body().lines().skip(1))
                .singleElement().satisfies(l -> assertThat(l).startsWith("host-c,ws-c,CLEAN,"));
    }

    @Test
    void aViolationShowsSinceWhenItIsProhibited() throws Exception {
        send("host-v", ReportBuilder.report()
                .host(Samples.linuxHost("host-v", "ws-v"))
                .software(Samples.withKesl())
                .scannedAt(clock.instant())
                .build());
        JsonNode f = get("/api/v1/hosts/host-v").path("findings").get(0);
        assertThat(f.path("level").asText()).isEqualTo("VIOLATION");
        assertThat(f.path("milestone").asText()).isEqualTo("ndaa-1634-effective");
        assertThat(f.path("milestoneDate").asText()).isEqualTo("2018-10-01");
        assertThat(f.path("since").asText()).isEqualTo("2018-10-01");
        assertThat(f.path("deadline").isNull()).isTrue();
        assertThat(get("/api/v1/findings").path("items").get(0).path("since").asText()).isEqualTo("2018-10-01");

        assertThat(c.get("/hosts/host-v", viewer).body()).contains("<th>Milestone</th><th>Date</th>",
                "<code>ndaa-1634-effective</code></td><td class=\"nowrap\">prohibited since 2018-10-01</td>");
        List<String> csv = c.get("/api/v1/export/findings.csv", viewer).body().lines().toList();
        assertThat(csv.get(0)).startsWith("host_id,hostname,level,profile,vendor,product,presence,milestone,since,deadline,"
                + "days_left,message,citation,citation_url,rule_id,kind,");
        assertThat(csv.get(1)).startsWith("host-v,ws-v,VIOLATION,us-federal,Kaspersky,Kaspersky Endpoint Security for Linux,"
                + "installed,ndaa-1634-effective,2018-10-01,,,").contains(",kaspersky-us:kesl,product,");
    }

    @Test
    void aDeadlineShowsTheDateItCountsDownTo() throws Exception {
        // us-private on 2024-09-28: the Commerce ban's update cut-off is a day away.
        clock.set(Instant.parse("2024-09-28T16:00:00Z"));
        ScanReport r = ReportBuilder.report()
                .host(Samples.linuxHost("host-d", "ws-d"))
                .software(Samples.withKesl())
                .scannedAt(clock.instant())
                .profile("us-private")
                .build();
        send("host-d", r);
        JsonNode f = get("/api/v1/hosts/host-d").path("findings").get(0);
        assertThat(f.path("level").asText()).isEqualTo("DEADLINE");
        assertThat(f.path("deadline").asText()).isEqualTo("2024-09-29");
        assertThat(f.path("milestoneDate").asText()).isEqualTo("2024-09-29");
        assertThat(f.path("since").isNull()).isTrue();
        assertThat(f.path("daysLeft").asInt()).isEqualTo(1);
        assertThat(c.get("/hosts/host-d", viewer).body())
                .contains("<td class=\"nowrap\">from 2024-09-29<br><span class=\"small\">1 day left</span></td>");
    }

    @Test
    void theMostSeriousFindingComesFirst() throws Exception {
        List<Software> software = new ArrayList<>(Samples.baseSoftware());
        software.add(Samples.ultraAv());
        software.addAll(Samples.withKesl().subList(5, 6));
        send("host-m", ReportBuilder.report()
                .host(Samples.linuxHost("host-m", "ws-m"))
                .software(software)
                .scannedAt(clock.instant())
                .build());
        List<String> detail = new ArrayList<>();
        get("/api/v1/hosts/host-m").path("findings").forEach(f -> detail.add(f.path("level").asText() + " "
                + f.path("kind").asText() + " " + f.path("since").asText()));
        assertThat(detail).containsExactly("VIOLATION product 2018-10-01", "INFO notice 2024-09-19");
        List<String> fleet = new ArrayList<>();
        get("/api/v1/findings").path("items").forEach(f -> fleet.add(f.path("level").asText()));
        assertThat(fleet).containsExactly("VIOLATION", "INFO");
    }
}
