package io.banwatch.collector;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.banwatch.collector.api.SummaryQueries;
import io.banwatch.collector.db.Dialect;
import io.banwatch.testkit.MutableClock;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Upgrading a database written by a collector that counted notices as Kaspersky (schema version
 * 4): after the migration the UltraAV notices are notices, the hosts they marked installed are
 * not, their "Kaspersky appeared" rows are gone, and the counts and the chart are right.
 */
@ParameterizedClass(name = "on {0}")
@EnumSource(TestDatabase.Kind.class)
class FindingKindMigrationTest {
    private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");
    private static final long T0 = NOW.minus(Duration.ofDays(8)).toEpochMilli();
    private static final long T1 = NOW.minus(Duration.ofDays(6)).toEpochMilli();
    private static final long T2 = NOW.minus(Duration.ofDays(4)).toEpochMilli();
    private static final long T3 = NOW.minus(Duration.ofDays(2)).toEpochMilli();

    @RegisterExtension
    final TestDatabase db;

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(NOW);
    private final ObjectMapper json = new ObjectMapper();

    FindingKindMigrationTest(TestDatabase.Kind kind) {
        this.db = new TestDatabase(kind);
    }

    /** The schema as the previous release left it, with the rows it wrote. */
    private void previousReleaseWith(List<String> rows) {
        Flyway.configure().dataSource(db.url(), db.user(), db.password()).locations("classpath:db/migration")
                .placeholders(Dialect.of(db.url()).placeholders()).target("4").load().migrate();
        assertThat(db.text("SELECT MAX(version) FROM flyway_schema_history")).isEqualTo("4");
        rows.forEach(db.sql()::execute);
    }

    private static String host(int pk, String id, int installed, Long firstSeen, Long removedAt, String level) {
        return "INSERT INTO hosts (pk, host_id, hostname, os_family, profile, level, kaspersky_installed,"
                + " kaspersky_first_seen, kaspersky_removed_at, first_seen, last_seen, last_scanned_at, last_report_id,"
                + " inventory_hash, software_count, finding_count) VALUES (" + pk + ", '" + id + "', 'ws-" + id
                + "', 'linux', 'us-federal', " + (level == null ? "NULL" : "'" + level + "'") + ", " + installed + ", "
                + firstSeen + ", " + removedAt + ", " + T0 + ", " + T3 + ", " + T3 + ", 'r-" + id + "', 'h-" + id
                + "', 6, 1)";
    }

    private static String finding(int hostPk, String rule, String level, String presence, String milestone) {
        return "INSERT INTO findings (host_pk, rule_id, level, profile, vendor, product, presence, milestone, message,"
                + " evidence) VALUES (" + hostPk + ", 'kaspersky-us:" + rule + "', '" + level + "', 'us-federal',"
                + " 'Kaspersky', '" + rule + "', '" + presence + "', " + (milestone == null ? "NULL" : "'" + milestone + "'")
                + ", 'judged by the previous release', '[]')";
    }

    private static String event(int id, int hostPk, long at, String event) {
        return "INSERT INTO host_history (id, host_pk, at, event, report_id) VALUES (" + id + ", " + hostPk + ", " + at
                + ", '" + event + "', 'r" + id + "')";
    }

    @Test
    void noticesBecomeNoticesAndTheHostsTheyMarkedAreNoLongerKasperskyInstalled() throws Exception {
        var config = db.config(dir);
        previousReleaseWith(List.of(
                // 1: UltraAV only, marked installed by it when it appeared at T1.
                host(1, "ultra", 1, T1, null, "INFO"),
                finding(1, "ultraav", "INFO", "installed", "ultraav-transition"),
                event(1, 1, T1, "first-seen"), event(2, 1, T1, "kaspersky-appeared"),
                // 2: Kaspersky and UltraAV, both installed since T1: rightly installed.
                host(2, "kesl-ultra", 1, T1, null, "VIOLATION"),
                finding(2, "kesl", "VIOLATION", "installed", "ndaa-1634-effective"),
                finding(2, "ultraav", "INFO", "installed", "ultraav-transition"),
                event(3, 2, T1, "first-seen"), event(4, 2, T1, "kaspersky-appeared"),
                // 3: Kaspersky from T0, removed at T2; UltraAV installed at T3 marked it installed again.
                host(3, "was-kesl", 1, T0, null, "RISK"),
                finding(3, "kesl", "RISK", "remnant", "ndaa-1634-effective"),
                finding(3, "ultraav", "INFO", "installed", "ultraav-transition"),
                event(5, 3, T0, "first-seen"), event(6, 3, T0, "kaspersky-appeared"), event(7, 3, T2, "kaspersky-removed"),
                event(8, 3, T3, "kaspersky-appeared"),
                // 4: remnants, no protection left: never installed, its notice is a notice too.
                host(4, "remnant", 0, null, null, "RISK"),
                finding(4, "kesl", "RISK", "remnant", "ndaa-1634-effective"),
                finding(4, "unprotected-after-removal", "RISK", "remnant", null),
                event(9, 4, T0, "first-seen")));

        try (TestCollector c = TestCollector.start(config.build(), clock)) {
            String viewer = c.viewer();
            assertThat(db.count("SELECT COUNT(*) FROM flyway_schema_history WHERE version = '5'")).isEqualTo(1);
            assertThat(db.count("SELECT COUNT(*) FROM findings WHERE kind = 'notice'")).isEqualTo(4);
            assertThat(db.count("SELECT COUNT(*) FROM findings WHERE kind = 'product'")).isEqualTo(3);

            JsonNode summary = json.readTree(c.get("/api/v1/summary", viewer).body());
            assertThat(summary.path("kasperskyInstalled").asLong()).isEqualTo(1);
            assertThat(json.readTree(c.get("/api/v1/hosts?kaspersky=1", viewer).body()).path("items"))
                    .extracting(h -> h.path("hostId").asText()).containsExactly("kesl-ultra");

            JsonNode ultra = detail(c, viewer, "ultra");
            assertThat(ultra.path("host").path("kasperskyInstalled").asBoolean()).isFalse();
            assertThat(ultra.path("host").path("kasperskyFirstSeen").isNull()).isTrue();
            assertThat(events(ultra)).containsExactly("first-seen");
            assertThat(ultra.path("findings").get(0).path("kind").asText()).isEqualTo("notice");

            JsonNode both = detail(c, viewer, "kesl-ultra");
            assertThat(both.path("host").path("kasperskyInstalled").asBoolean()).isTrue();
            assertThat(both.path("host").path("kasperskyFirstSeen").asText()).isEqualTo(Instant.ofEpochMilli(T1).toString());
            assertThat(events(both)).containsExactly("kaspersky-appeared", "first-seen");
            // Stored before findings kept "since": the governing milestone's date stands in.
            assertThat(both.path("findings").get(0).path("since").asText()).isEqualTo("2018-10-01");

            JsonNode wasKesl = detail(c, viewer, "was-kesl");
            assertThat(wasKesl.path("host").path("kasperskyInstalled").asBoolean()).isFalse();
            assertThat(wasKesl.path("host").path("kasperskyFirstSeen").asText()).isEqualTo(Instant.ofEpochMilli(T0).toString());
            assertThat(wasKesl.path("host").path("kasperskyRemovedAt").asText()).isEqualTo(Instant.ofEpochMilli(T2).toString());
            assertThat(events(wasKesl)).containsExactly("kaspersky-removed", "kaspersky-appeared", "first-seen");

            JsonNode remnant = detail(c, viewer, "remnant");
            assertThat(remnant.path("host").path("kasperskyInstalled").asBoolean()).isFalse();
            assertThat(remnant.path("findings")).extracting(f -> f.path("ruleId").asText() + "=" + f.path("kind").asText())
                    .containsExactlyInAnyOrder("kaspersky-us:kesl=product", "kaspersky-us:unprotected-after-removal=notice");

            // The chart replays the history back from today's count: it must add up to the hosts
            // that really had Kaspersky each day (was-kesl from T0 to T2, kesl-ultra from T1).
            List<Long> chart = new SummaryQueries(c.server.database(), clock, 7, List.of()).kasperskyOverTime(10).stream()
                    .map(SummaryQueries.DayCount::hosts).toList();
            assertThat(chart).containsExactly(0L, 1L, 1L, 2L, 2L, 1L, 1L, 1L, 1L, 1L);
        }
    }

    private JsonNode detail(TestCollector c, String viewer, String hostId) throws Exception {
        return json.readTree(c.get("/api/v1/hosts/" + hostId, viewer).body());
    }

    private static List<String> events(JsonNode detail) {
        List<String> events = new ArrayList<>();
        detail.path("history").forEach(e -> {
            if (!e.path("event").asText().equals("level")) {
                events.add(e.path("event").asText());
            }
        });
        return events;
    }
}
