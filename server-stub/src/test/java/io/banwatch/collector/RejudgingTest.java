package io.banwatch.collector;

import io.banwatch.testkit.ReportBuilder;
import io.banwatch.testkit.Samples;
import io.banwatch.testkit.MutableClock;
import io.banwatch.testkit.WebhookReceiver;
import io.banwatch.model.Host;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Re-judging the fleet when the packs in force change: a stored host turns non-compliant without
 * a new scan, with a "rules changed" history row and exactly one alert; a report that came in
 * meanwhile is not done again; a run resumes after a restart, and two collectors on one
 * database judge each host once.
 */
@ParameterizedClass(name = "on {0}")
@EnumSource(TestDatabase.Kind.class)
class RejudgingTest {
    @RegisterExtension
    final TestDatabase db;

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.parse("2027-01-05T15:00:00Z"));

    RejudgingTest(TestDatabase.Kind kind) {
        this.db = new TestDatabase(kind);
    }

    private TestCollector start(String hook, Path rulesFile) {
        var config = db.config(dir);
        config.profile = "us-federal-contractor";
        config.jobWorker = false;
        config.alertWorker = false;
        config.webhookUrl = hook;
        config.rulesFile = rulesFile;
        return TestCollector.start(config.build(), clock);
    }

    /** Enrolls {@code n} hosts that report AnyDesk, and returns their ids. */
    private List<String> fleetWithAnyDesk(TestCollector c, int n) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String id = "host-" + i;
            Host host = Samples.linuxHost(id, "ws-" + i);
            String t = c.enroll(id, "ws-" + i);
            clock.advance(Duration.ofSeconds(1));
            assertThat(c.post("/api/v1/reports", t, ReportBuilder.report().host(host).software(RulePacksTest.withAnyDesk()).scannedAt(clock.instant()).json(), null).statusCode()).isEqualTo(201);
            ids.add(id);
        }
        return ids;
    }

    private long rulesChanged() {
        return db.count("SELECT COUNT(*) FROM host_history WHERE reason = 'rules changed' AND event = 'level'");
    }

    @Test
    void aDisallowedSoftwarePackTurnsAStoredHostNonCompliantWithoutANewScan() {
        try (WebhookReceiver hook = new WebhookReceiver(); TestCollector c = start(hook.url(), null)) {
            fleetWithAnyDesk(c, 1);
            c.server.rejudgeNow();
            assertThat(db.text("SELECT level FROM hosts")).as("no pack disallows AnyDesk yet").isNull();
            assertThat(rulesChanged()).as("the first run, to the rules the host was judged with, changes nothing")
                    .isZero();

            clock.advance(Duration.ofMinutes(1));
            assertThat(RulePacksTest.addPack(c, c.admin, RulePacksTest.ACME, "acme.json").statusCode()).isEqualTo(201);
            assertThat(c.server.rejudgeNow()).isPositive();

            assertThat(db.text("SELECT level FROM hosts")).isEqualTo("VIOLATION");
            assertThat(db.text("SELECT message FROM findings")).isEqualTo("AnyDesk is installed. AnyDesk is not allowed"
                    + " since 2027-01-01 (ACME IT policy 7).");
            assertThat(db.count("SELECT COUNT(*) FROM reports")).as("no new report").isEqualTo(1);
            assertThat(db.count("SELECT kaspersky_installed FROM hosts")).as("AnyDesk is not Kaspersky").isZero();
            assertThat(db.count("SELECT COUNT(*) FROM host_history WHERE event LIKE 'kaspersky-%'")).isZero();
            assertThat(db.count("SELECT COUNT(*) FROM host_history WHERE reason = 'rules changed' AND event = 'level'"
                    + " AND from_level IS NULL AND to_level = 'VIOLATION' AND report_id IS NULL")).isEqualTo(1);
            assertThat(db.count("SELECT COUNT(*) FROM alerts")).isEqualTo(1);
            c.server.deliverAlertsNow();
            assertThat(hook.received).singleElement().satisfies(d -> assertThat(d.body())
                    .contains("\"level\":\"VIOLATION\"").contains("AnyDesk"));

            assertThat(c.server.rejudgeNow()).as("nothing left to do").isZero();
            c.server.deliverAlertsNow();
            assertThat(hook.received).hasSize(1);
            assertThat(rulesChanged()).isEqualTo(1);
            String page = c.get("/api/v1/hosts/host-0", c.admin).body();
            assertThat(page).contains("\"reason\":\"rules changed\"");
            assertThat(c.get("/api/v1/rules", c.admin).body()).contains("\"fleetJudgedAt\":\"" + clock.instant() + "\"")
                    .contains("\"hostsBehind\":0");

            // Removing the pack judges the host again: back to clean, with the "fixed" alert a report would raise.
            c.delete("/api/v1/rules/acme-remote-access", c.admin);
            c.server.rejudgeNow();
            assertThat(db.text("SELECT level FROM hosts")).isNull();
            assertThat(rulesChanged()).isEqualTo(2);
            assertThat(db.count("SELECT COUNT(*) FROM alerts")).isEqualTo(2);
            assertThat(db.count("SELECT COUNT(*) FROM alerts WHERE kind = 'fixed'")).isEqualTo(1);
            c.server.deliverAlertsNow();
            assertThat(hook.received).hasSize(2);
            assertThat(hook.received.get(1).body()).contains("banwatch.host.fixed").contains("AnyDesk");
        }
    }

    /** An organisation's requirement: an active EDR on federal-contract machines from 2027-01-01. */
    static final String EDR_REQUIRED = """
            {"id": "acme-edr", "title": "ACME requires an EDR", "version": "1", "timeZone": "America/New_York",
             "vendor": {"name": "ACME IT"},
             "citations": [{"id": "policy-9", "title": "ACME IT policy 9: endpoint protection"}],
             "milestones": [{"id": "edr-required", "date": "2027-01-01", "title": "EDR required", "citation": "policy-9"}],
             "requirements": [{"id": "active-edr", "name": "an active EDR", "profiles": ["us-federal-contractor"],
               "from": "edr-required", "level": "RISK", "message": "No active EDR was found; one is required since {since}.",
               "securityProductKinds": ["edr"]}]}
            """;

    @Test
    void aRequiredSoftwarePackMakesAStoredHostWithoutItAFinding() {
        try (TestCollector c = start(null, null)) {
            fleetWithAnyDesk(c, 1);
            assertThat(RulePacksTest.addPack(c, c.admin, EDR_REQUIRED, "acme-edr.json").statusCode()).isEqualTo(201);
            c.server.rejudgeNow();
            assertThat(db.text("SELECT level FROM hosts")).isEqualTo("RISK");
            assertThat(db.text("SELECT kind || ' ' || presence || ' ' || rule_id FROM findings"))
                    .isEqualTo("requirement absent acme-edr:active-edr");
            assertThat(db.count("SELECT kaspersky_installed FROM hosts")).as("not a Kaspersky product").isZero();
            assertThat(rulesChanged()).isEqualTo(1);
        }
    }

    @Test
    void aReportDuringTheRunIsJudgedWithTheNewPackAndNotDoneAgain() {
        try (WebhookReceiver hook = new WebhookReceiver(); TestCollector c = start(hook.url(), null)) {
            fleetWithAnyDesk(c, 3);
            c.server.rejudgeNow();
            RulePacksTest.addPack(c, c.admin, RulePacksTest.ACME, "acme.json");
            assertThat(c.server.rejudgeNow(1, 1)).isEqualTo(1);

            // host-2 reports before the run reaches it: judged at once with the new pack.
            String t = c.server.tokens().issue(io.banwatch.collector.auth.Role.HOST, "host-2", "host-2").token();
            clock.advance(Duration.ofMinutes(1));
            assertThat(c.post("/api/v1/reports", t, ReportBuilder.report().host(Samples.linuxHost("host-2", "ws-2")).software(RulePacksTest.withAnyDesk()).scannedAt(clock.instant()).json(), null).body()).contains("\"level\":\"VIOLATION\"");
            c.server.rejudgeNow();

            assertThat(db.count("SELECT COUNT(*) FROM hosts WHERE level = 'VIOLATION'")).isEqualTo(3);
            assertThat(rulesChanged()).as("host-0 and host-1; host-2 changed by its report").isEqualTo(2);
            assertThat(db.count("SELECT COUNT(*) FROM host_history h JOIN hosts o ON o.pk = h.host_pk"
                    + " WHERE o.host_id = 'host-2' AND h.event = 'level' AND h.to_level = 'VIOLATION'")).isEqualTo(1);
            c.server.deliverAlertsNow();
            assertThat(hook.received).hasSize(3);
        }
    }

    @Test
    void aRestartMidRunResumesAndFinishesWithoutDoubleTransitions() {
        try (WebhookReceiver hook = new WebhookReceiver()) {
            try (TestCollector c = start(hook.url(), null)) {
                fleetWithAnyDesk(c, 5);
                c.server.rejudgeNow();
                RulePacksTest.addPack(c, c.admin, RulePacksTest.ACME, "acme.json");
                assertThat(c.server.rejudgeNow(2, 1)).isEqualTo(1);
                assertThat(rulesChanged()).isEqualTo(2);
            }
            // The lease of the stopped collector's run was released at the end of its batch.
            try (TestCollector c = start(hook.url(), null)) {
                assertThat(db.count("SELECT cursor_pk FROM rules_state")).isPositive();
                c.server.rejudgeNow(2, Integer.MAX_VALUE);
                assertThat(db.count("SELECT COUNT(*) FROM hosts WHERE level = 'VIOLATION'")).isEqualTo(5);
                assertThat(rulesChanged()).isEqualTo(5);
                assertThat(db.count("SELECT COUNT(DISTINCT host_pk) FROM host_history WHERE reason = 'rules changed'"))
                        .isEqualTo(5);
                c.server.deliverAlertsNow();
                assertThat(hook.received).hasSize(5);
                assertThat(db.count("SELECT judged FROM rules_state")).isEqualTo(5);
                assertThat(db.count("SELECT finished_at FROM rules_state")).isPositive();
            }
        }
    }

    @Test
    void aChangedPackAtStartUpJudgesTheStoredFleetAgain() throws Exception {
        Path file = dir.resolve("acme.json");
        Files.writeString(file, RulePacksTest.ACME, StandardCharsets.UTF_8);
        try (TestCollector c = start(null, null)) {
            fleetWithAnyDesk(c, 2);
        }
        // An upgrade's newer built-in pack, or a new rules.file: the packs' fingerprint differs.
        try (TestCollector c = start(null, file)) {
            c.server.rejudgeNow();
            assertThat(db.count("SELECT COUNT(*) FROM hosts WHERE level = 'VIOLATION'")).isEqualTo(2);
            assertThat(rulesChanged()).isEqualTo(2);
            assertThat(c.get("/api/v1/rules", c.admin).body()).contains("\"source\":\"file\"");
        }
    }

    @Test
    void twoCollectorsOnOneDatabaseJudgeEachHostOnce() {
        Assumptions.assumeTrue(db.kind() == TestDatabase.Kind.POSTGRES, "two collectors share PostgreSQL");
        try (WebhookReceiver hook = new WebhookReceiver(); TestCollector a = start(hook.url(), null);
             TestCollector b = start(hook.url(), null)) {
            fleetWithAnyDesk(a, 12);
            a.server.rejudgeNow();
            RulePacksTest.addPack(a, a.admin, RulePacksTest.ACME, "acme.json");
            assertThat(b.server.refreshRulesNow()).as("b sees a's change").isTrue();
            List<CompletableFuture<Integer>> runs = new ArrayList<>();
            for (TestCollector c : List.of(a, b, a, b)) {
                runs.add(CompletableFuture.supplyAsync(() -> c.server.rejudgeNow(1, Integer.MAX_VALUE)));
            }
            runs.forEach(CompletableFuture::join);
            a.server.rejudgeNow();
            b.server.rejudgeNow();

            assertThat(db.count("SELECT COUNT(*) FROM hosts WHERE level = 'VIOLATION'")).isEqualTo(12);
            assertThat(rulesChanged()).isEqualTo(12);
            assertThat(db.count("SELECT COUNT(DISTINCT host_pk) FROM host_history WHERE reason = 'rules changed'"))
                    .isEqualTo(12);
            assertThat(db.count("SELECT COUNT(*) FROM alerts")).isEqualTo(12);
            a.server.deliverAlertsNow();
            b.server.deliverAlertsNow();
            assertThat(hook.received).hasSize(12);
        }
    }
}
