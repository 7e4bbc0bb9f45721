package io.banwatch.collector;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.banwatch.rules.PackInfo;
import io.banwatch.rules.RuleSet;
import io.banwatch.testkit.MutableClock;
import io.banwatch.testkit.Samples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a finding's record says of itself: since when it has had its level (kept across reports
 * that leave the level alone, reset when it changes) and the rule pack, version and SHA-256 that
 * judged it (a new pack version is recorded at the next report).
 */
@ParameterizedClass(name = "on {0}")
@EnumSource(TestDatabase.Kind.class)
class FindingProvenanceTest {
    @RegisterExtension
    final TestDatabase db;

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(OfficerFleet.NOW);
    private final ObjectMapper json = new ObjectMapper();

    FindingProvenanceTest(TestDatabase.Kind kind) {
        this.db = new TestDatabase(kind);
    }

    private JsonNode kesl(TestCollector c, String viewer) throws Exception {
        for (JsonNode f : json.readTree(c.get("/api/v1/hosts/host-a", viewer).body()).path("findings")) {
            if (f.path("ruleId").asText().equals("kaspersky-us:kesl")) {
                return f;
            }
        }
        throw new AssertionError("no kesl finding on host-a");
    }

    @Test
    void aFindingKeepsSinceWhenItHasHadItsLevelUntilTheLevelChanges() throws Exception {
        try (TestCollector c = TestCollector.start(db.config(dir).build(), clock)) {
            String viewer = c.viewer();
            OfficerFleet fleet = new OfficerFleet(c, clock);
            fleet.enroll("host-a", "alpha", "us-federal");
            fleet.report("host-a", Samples.withKesl(), List.of());
            String first = clock.instant().toString();
            assertThat(kesl(c, viewer).path("firstSeenAtLevel").asText()).isEqualTo(first);

            // The same inventory later that day (judgement reused) and the next day (judged again, same findings).
            clock.advance(Duration.ofHours(3));
            fleet.report("host-a", Samples.withKesl(), List.of());
            clock.advance(Duration.ofDays(1));
            fleet.report("host-a", Samples.withKesl(), List.of());
            assertThat(kesl(c, viewer).path("firstSeenAtLevel").asText()).isEqualTo(first);
            assertThat(kesl(c, viewer).path("lastSeen").asText()).isEqualTo(clock.instant().toString());

            // New evidence of the same violation: the finding is written again, its level's start kept.
            clock.advance(Duration.ofDays(1));
            fleet.report("host-a", Samples.withKesl(), List.of(OfficerFleet.keslUnit()));
            JsonNode more = kesl(c, viewer);
            assertThat(more.path("evidence").size()).isEqualTo(2);
            assertThat(more.path("firstSeenAtLevel").asText()).isEqualTo(first);

            // Uninstalled, the unit left behind: a remnant, RISK, from now.
            clock.advance(Duration.ofDays(1));
            fleet.report("host-a", Samples.baseSoftware(), List.of(OfficerFleet.keslUnit()));
            String remnantSince = clock.instant().toString();
            assertThat(kesl(c, viewer).path("level").asText()).isEqualTo("RISK");
            assertThat(kesl(c, viewer).path("firstSeenAtLevel").asText()).isEqualTo(remnantSince);
            clock.advance(Duration.ofDays(1));
            fleet.report("host-a", Samples.baseSoftware(), List.of(OfficerFleet.keslUnit()));
            assertThat(kesl(c, viewer).path("firstSeenAtLevel").asText()).isEqualTo(remnantSince);

            // Installed again: a new violation, from now.
            clock.advance(Duration.ofDays(1));
            fleet.report("host-a", Samples.withKesl(), List.of());
            assertThat(kesl(c, viewer).path("level").asText()).isEqualTo("VIOLATION");
            assertThat(kesl(c, viewer).path("firstSeenAtLevel").asText()).isEqualTo(clock.instant().toString());
        }
    }

    @Test
    void eachFindingNamesThePackVersionAndSha256ThatJudgedIt() throws Exception {
        PackInfo builtIn = RuleSet.builtIn().packInfo().stream().filter(p -> p.id().equals("kaspersky-us")).findFirst()
                .orElseThrow();
        String first;
        try (TestCollector c = TestCollector.start(db.config(dir).build(), clock)) {
            OfficerFleet fleet = new OfficerFleet(c, clock);
            fleet.enroll("host-a", "alpha", "us-federal");
            fleet.report("host-a", Samples.withKesl(), List.of());
            JsonNode f = kesl(c, c.viewer());
            assertThat(f.path("packId").asText()).isEqualTo("kaspersky-us");
            assertThat(f.path("packVersion").asText()).isEqualTo(builtIn.version());
            assertThat(f.path("packSha256").asText()).isEqualTo(builtIn.sha256()).hasSize(64);
            first = f.path("firstSeenAtLevel").asText();
        }
        // The organisation corrects the pack: same id, a new version, other bytes.
        String pack = Files.readString(Path.of(System.getProperty("basedir", "."), "..", "seeds", "kaspersky-us.json"))
                .replace("\"version\": \"" + builtIn.version() + "\"", "\"version\": \"2099.1.1\"");
        Path file = Files.writeString(dir.resolve("kaspersky-us-corrected.json"), pack);
        var config = db.config(dir);
        config.rulesFile = file;
        clock.advance(Duration.ofHours(1));
        try (TestCollector c = TestCollector.start(config.build(), clock)) {
            OfficerFleet fleet = new OfficerFleet(c, clock);
            fleet.enroll("host-a", "alpha", "us-federal");
            fleet.report("host-a", Samples.withKesl(), List.of());
            JsonNode f = kesl(c, c.viewer());
            assertThat(f.path("packVersion").asText()).isEqualTo("2099.1.1");
            assertThat(f.path("packSha256").asText()).hasSize(64).isNotEqualTo(builtIn.sha256());
            assertThat(f.path("firstSeenAtLevel").asText()).as("the level did not change").isEqualTo(first);
        }
    }
}
