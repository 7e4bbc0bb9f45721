package io.banwatch.collector;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.banwatch.model.Verdict;
import io.banwatch.testkit.MutableClock;
import io.banwatch.testkit.Samples;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fleet summary (one grouped pass over an index since V17) says what a count of every host
 * row, one by one, says: after ingest, a retirement, a re-judging with a new pack and a retired
 * host's return.
 */
@ParameterizedClass(name = "on {0}")
@EnumSource(TestDatabase.Kind.class)
class SummaryRecountTest {
    /** Disallows coreutils, which every host of the fleet has, for us-federal hosts from 2026-01-01. */
    private static final String PACK = """
            {"id": "no-coreutils", "title": "coreutils disallowed", "version": "1",
             "timeZone": "America/New_York", "vendor": {"name": "Example Corp IT"},
             "citations": [{"id": "policy", "title": "Example policy"}],
             "milestones": [{"id": "ban", "date": "2026-01-01", "title": "disallowed", "citation": "policy"}],
             "products": [{"id": "coreutils", "name": "coreutils", "kind": "other",
               "signals": [{"kind": "software", "names": ["coreutils"]}]}],
             "profiles": [{"id": "us-federal", "title": "US federal", "phases": [
               {"installed": "INFO", "remnant": "INFO", "message": "Allowed."},
               {"from": "ban", "installed": "VIOLATION", "remnant": "INFO", "message": "Not allowed since {since}."}]}]}
            """;

    @RegisterExtension
    final TestDatabase db;

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(OfficerFleet.NOW);
    private final ObjectMapper json = new ObjectMapper();
    private TestCollector c;
    private OfficerFleet fleet;

    SummaryRecountTest(TestDatabase.Kind kind) {
        this.db = new TestDatabase(kind);
    }

    @BeforeEach
    void start() {
        var config = db.config(dir.resolve("data"));
        config.jobWorker = false;
        config.alertWorker = false;
        c = TestCollector.start(config.build(), clock);
        fleet = new OfficerFleet(c, clock).seed();
    }

    @AfterEach
    void stop() {
        c.close();
    }

    @Test
    void theSummaryEqualsACountOfEveryHostRow() throws Exception {
        Counts ingested = assertSummaryIsARecount();
        assertThat(ingested.hosts).as("the fleet as OfficerFleet describes it").isEqualTo(6);
        assertThat(ingested.byLevel).containsEntry("VIOLATION", 2L).containsEntry("RISK", 2L)
                .containsEntry("INFO", 1L).containsEntry("CLEAN", 1L);
        assertThat(ingested.stale).isEqualTo(1);
        assertThat(ingested.kaspersky).isEqualTo(3);

        assertThat(c.post("/api/v1/hosts/host-a/retire", c.admin, "{}").statusCode()).isEqualTo(200);
        Counts retired = assertSummaryIsARecount();
        assertThat(retired.retired).isEqualTo(1);
        assertThat(retired.hosts).isEqualTo(5);

        clock.advance(Duration.ofMinutes(1));
        assertThat(RulePacksTest.addPack(c, c.admin, PACK, "no-coreutils.json").statusCode()).isEqualTo(201);
        assertThat(c.server.rejudgeNow()).isPositive();
        Counts rejudged = assertSummaryIsARecount();
        assertThat(rejudged.byLevel).as("bravo (RISK) and delta (CLEAN), us-federal, now in violation")
                .containsEntry("VIOLATION", 3L);

        clock.advance(Duration.ofMinutes(1));
        fleet.report("host-a", Samples.baseSoftware(), List.of());
        Counts back = assertSummaryIsARecount();
        assertThat(back.retired).as("a scan after its retirement brings alpha back").isZero();
        assertThat(back.hosts).isEqualTo(6);
        assertThat(back.kaspersky).as("alpha's new scan has no kesl").isEqualTo(2);
    }

    /** Asserts that GET /api/v1/summary equals the recount, and returns it. */
    private Counts assertSummaryIsARecount() throws Exception {
        Counts recount = recount();
        JsonNode s = json.readTree(c.get("/api/v1/summary", c.admin).body());
        Map<String, Long> byLevel = new TreeMap<>();
        s.path("byLevel").fields().forEachRemaining(e -> byLevel.put(e.getKey(), e.getValue().asLong()));
        Map<String, Long> byProfile = new LinkedHashMap<>();
        s.path("byProfile").fields().forEachRemaining(e -> byProfile.put(e.getKey(), e.getValue().asLong()));
        // The deadlines listed are the built-in packs' milestones (an added pack's are not): the
        // recount is compared on those.
        Map<String, Long> byMilestone = new TreeMap<>();
        s.path("deadlines").forEach(d -> byMilestone.put(d.path("id").asText(), d.path("hosts").asLong()));
        Map<String, Long> recounted = new TreeMap<>();
        byMilestone.keySet().forEach(id -> recounted.put(id, recount.byMilestone.getOrDefault(id, 0L)));
        assertThat(recounted.values()).as("some milestone has hosts").anyMatch(n -> n > 0);
        assertThat(new Counts(s.path("hosts").asLong(), byLevel, byProfile, s.path("kasperskyInstalled").asLong(),
                s.path("stale").asLong(), s.path("retired").asLong(), byMilestone))
                .isEqualTo(new Counts(recount.hosts, recount.byLevel, recount.byProfile, recount.kaspersky,
                        recount.stale, recount.retired, recounted));
        assertThat(List.copyOf(byProfile.keySet())).as("profiles in order").isSorted();
        return recount;
    }

    record Counts(long hosts, Map<String, Long> byLevel, Map<String, Long> byProfile, long kaspersky, long stale,
                  long retired, Map<String, Long> byMilestone) {
    }

    /** Every host row read and counted here, one by one. */
    private Counts recount() throws SQLException {
        long staleBefore = clock.millis() - 7 * 24 * 3600_000L;
        long hosts = 0;
        long kaspersky = 0;
        long stale = 0;
        long retired = 0;
        Map<String, Long> byLevel = new TreeMap<>();
        for (Verdict v : Verdict.values()) {
            byLevel.put(v.name(), 0L);
        }
        Map<String, Long> byProfile = new TreeMap<>();
        Map<Long, Boolean> active = new HashMap<>();
        Map<String, Set<Long>> byMilestone = new TreeMap<>();
        try (Connection conn = connect(); Statement st = conn.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT pk, level, profile, kaspersky_installed, last_seen, retired_at"
                    + " FROM hosts")) {
                while (rs.next()) {
                    rs.getLong(6);
                    boolean inService = rs.wasNull();
                    active.put(rs.getLong(1), inService);
                    if (!inService) {
                        retired++;
                        continue;
                    }
                    hosts++;
                    String level = rs.getString(2);
                    byLevel.merge(level == null ? "CLEAN" : level, 1L, Long::sum);
                    byProfile.merge(rs.getString(3), 1L, Long::sum);
                    kaspersky += rs.getInt(4) == 1 ? 1 : 0;
                    stale += rs.getLong(5) < staleBefore ? 1 : 0;
                }
            }
            try (ResultSet rs = st.executeQuery("SELECT host_pk, milestone FROM findings")) {
                while (rs.next()) {
                    if (rs.getString(2) != null && active.get(rs.getLong(1))) {
                        byMilestone.computeIfAbsent(rs.getString(2), m -> new HashSet<>()).add(rs.getLong(1));
                    }
                }
            }
        }
        Map<String, Long> milestones = new TreeMap<>();
        byMilestone.forEach((m, pks) -> milestones.put(m, (long) pks.size()));
        return new Counts(hosts, byLevel, new LinkedHashMap<>(byProfile), kaspersky, stale, retired, milestones);
    }

    private Connection connect() throws SQLException {
        return db.user() == null ? DriverManager.getConnection(db.url())
                : DriverManager.getConnection(db.url(), db.user(), db.password());
    }
}
