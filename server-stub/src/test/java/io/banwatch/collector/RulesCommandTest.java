package io.banwatch.collector;

import io.banwatch.testkit.ReportBuilder;
import io.banwatch.testkit.Samples;
import io.banwatch.testkit.MutableClock;
import io.banwatch.model.Host;
import io.banwatch.rules.RulePackException;
import io.banwatch.rules.RuleSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code banwatch-server rules add|list|remove} on a running collector's database: the collector
 * takes the change up and judges its stored hosts again; mistakes are one line and exit code 2.
 */
@ParameterizedClass(name = "on {0}")
@EnumSource(TestDatabase.Kind.class)
class RulesCommandTest {
    @RegisterExtension
    final TestDatabase db;

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.parse("2027-01-05T15:00:00Z"));

    RulesCommandTest(TestDatabase.Kind kind) {
        this.db = new TestDatabase(kind);
    }

    /** Where the command finds the collector's database: --data for SQLite, --config for PostgreSQL. */
    private String[] where() throws Exception {
        if (db.kind() == TestDatabase.Kind.SQLITE) {
            return new String[]{"--data", dir.resolve("data").toString()};
        }
        List<String> lines = new ArrayList<>(List.of("data.dir=" + dir.resolve("data"), "database.url=" + db.url(),
                "database.user=" + db.user(), "database.password=" + db.password()));
        return new String[]{"--config", Files.write(dir.resolve("collector.properties"), lines).toString()};
    }

    private CliTest.Run run(String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of(where()));
        return CliTest.run(all.toArray(String[]::new));
    }

    @Test
    void aPackAddedOnTheCommandLineJudgesTheRunningCollectorsHostsAgain() throws Exception {
        Path pack = Files.writeString(dir.resolve("acme-remote-access.json"), RulePacksTest.ACME, StandardCharsets.UTF_8);
        var config = db.config(dir.resolve("data"));
        config.profile = "us-federal-contractor";
        config.jobWorker = false;
        try (TestCollector c = TestCollector.start(config.build(), clock)) {
            String t = c.enroll("host-a", "ws-a");
            Host host = Samples.linuxHost("host-a", "ws-a");
            c.post("/api/v1/reports", t, ReportBuilder.report().host(host).software(RulePacksTest.withAnyDesk()).scannedAt(clock.instant()).json(),
                    null);

            CliTest.Run added = run("rules", "add", pack.toString());
            assertThat(added.exit()).as(added.err()).isZero();
            assertThat(added.out().lines()).containsExactly("added acme-remote-access 2026.12.02 (sha256 "
                    + RulePacksTest.sha256(RulePacksTest.ACME) + ")");

            assertThat(c.server.refreshRulesNow()).isTrue();
            c.server.rejudgeNow();
            assertThat(db.text("SELECT level FROM hosts")).isEqualTo("VIOLATION");

            CliTest.Run list = run("rules", "list");
            assertThat(list.exit()).isZero();
            assertThat(list.out()).contains("acme-remote-access").contains("collector").contains("kaspersky-us")
                    .contains("built-in").contains(RulePacksTest.sha256(RulePacksTest.ACME))
                    .contains("fleet judged with these packs at " + clock.instant());

            CliTest.Run removed = run("rules", "remove", "acme-remote-access");
            assertThat(removed.out().lines()).containsExactly("removed acme-remote-access 2026.12.02");
            assertThat(c.server.audit().recent(5, null).stream().filter(e -> e.action().startsWith("rules.")))
                    .extracting(e -> e.actor().kind() + " " + e.action())
                    .containsExactly("cli rules.remove", "cli rules.add");
        }
    }

    @Test
    void mistakesAreOneLineWithExitCodeTwoAndChangeNothing() throws Exception {
        String bad = RulePacksTest.ACME.replace("\"date\": \"2027-01-01\"", "\"date\": \"2027-13-01\"");
        Path badFile = Files.writeString(dir.resolve("acme.json"), bad, StandardCharsets.UTF_8);
        String agentSays;
        try {
            RuleSet.builtIn().withPackFile(badFile);
            throw new AssertionError("the pack should be refused");
        } catch (RulePackException e) {
            agentSays = e.getMessage();
        }
        assertThatThrownBy(() -> RuleSet.builtIn().withPackFile(badFile)).hasMessageStartingWith(badFile + ": milestone");
        var config = db.config(dir.resolve("data"));
        config.jobWorker = false;
        try (TestCollector c = TestCollector.start(config.build(), clock)) {
            CliTest.Run refused = run("rules", "add", badFile.toString());
            assertThat(refused.exit()).isEqualTo(2);
            assertThat(refused.out()).isEmpty();
            assertThat(refused.err().lines()).containsExactly("banwatch-server: " + agentSays);

            CliTest.Run missing = run("rules", "add", dir.resolve("nope.json").toString());
            assertThat(missing.exit()).isEqualTo(2);
            assertThat(missing.err().lines()).containsExactly("banwatch-server: " + dir.resolve("nope.json")
                    + ": no such file");

            CliTest.Run unknown = run("rules", "remove", "acme-remote-access");
            assertThat(unknown.exit()).isEqualTo(2);
            assertThat(unknown.err().lines()).containsExactly("banwatch-server: no rule pack 'acme-remote-access' was"
                    + " added at this collector (built-in packs cannot be removed)");
            assertThat(db.count("SELECT COUNT(*) FROM rule_packs")).isZero();
            assertThat(db.count("SELECT generation FROM rules_state")).isZero();
            assertThat(db.count("SELECT COUNT(*) FROM audit_log WHERE action LIKE 'rules.%'")).isZero();
            assertThat(c.server.refreshRulesNow()).as("nothing for the collector to take up").isFalse();
        }
    }
}
