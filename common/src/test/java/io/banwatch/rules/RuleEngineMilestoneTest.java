package io.banwatch.rules;

import io.banwatch.model.Evidence;
import io.banwatch.model.EvidenceKind;
import io.banwatch.model.Finding;
import io.banwatch.model.Inventory;
import io.banwatch.model.Level;
import io.banwatch.model.Presence;
import io.banwatch.testkit.ReportBuilder;
import io.banwatch.testkit.Samples;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Every milestone boundary of every profile: the day before and the day of. */
class RuleEngineMilestoneTest {
    private static final RuleSet RULES = RuleSet.builtIn();
    private final RuleEngine engine = new RuleEngine(RULES, Clock.fixed(Instant.parse("2026-11-24T12:00:00Z"), ZoneOffset.UTC));

    private static final Inventory INSTALLED = ReportBuilder.report()
            .software(List.of(Samples.deb("kesl", "12.1.0.1297", "AO Kaspersky Lab")))
            .inventory();
    private static final Inventory REMNANT = ReportBuilder.report()
            .observations(List.of(new Evidence(EvidenceKind.SYSTEMD_UNIT, "systemd", "kesl.service", "/lib/systemd/system/kesl.service", null)))
            .inventory();

    /** The kesl finding (a remnant-only host also gets the no-protection notice, tested elsewhere). */
    private Finding only(Inventory inventory, String profile, String date) {
        List<Finding> findings = engine.evaluate(inventory, List.of(), profile, LocalDate.parse(date)).stream()
                .filter(f -> f.ruleId().equals("kaspersky-us:kesl")).toList();
        assertThat(findings).hasSize(1);
        return findings.get(0);
    }

    @ParameterizedTest(name = "{0} on {1}: installed {2} ({3}, deadline {4}, {5} days left)")
    @CsvSource(nullValues = "-", value = {
            // us-federal: BOD 17-01 (2017-09-13, removal from 2017-12-12), NDAA s.1634 (2018-10-01)
            "us-federal, 2017-09-12, INFO,      -,                       -,          -",
            "us-federal, 2017-09-13, DEADLINE,  bod-17-01-removal,       2017-12-12, 90",
            "us-federal, 2017-12-11, DEADLINE,  bod-17-01-removal,       2017-12-12, 1",
            "us-federal, 2017-12-12, VIOLATION, bod-17-01-removal,       -,          -",
            "us-federal, 2018-09-30, VIOLATION, bod-17-01-removal,       -,          -",
            "us-federal, 2018-10-01, VIOLATION, ndaa-1634-effective,     -,          -",
            "us-federal, 2024-07-19, VIOLATION, ndaa-1634-effective,     -,          -",
            "us-federal, 2024-07-20, VIOLATION, ndaa-1634-effective,     -,          -",
            "us-federal, 2024-09-28, VIOLATION, ndaa-1634-effective,     -,          -",
            "us-federal, 2024-09-29, VIOLATION, ndaa-1634-effective,     -,          -",
            // us-federal-contractor: FAR 52.204-23 published 2018-06-15, in force 2018-07-16
            "us-federal-contractor, 2017-09-12, INFO,      -,                       -,          -",
            "us-federal-contractor, 2017-09-13, RISK,      bod-17-01,               -,          -",
            "us-federal-contractor, 2017-12-11, RISK,      bod-17-01,               -,          -",
            "us-federal-contractor, 2017-12-12, RISK,      ndaa-1634-enacted,       -,          -",
            "us-federal-contractor, 2018-06-14, RISK,      ndaa-1634-enacted,       -,          -",
            "us-federal-contractor, 2018-06-15, DEADLINE,  far-52-204-23-effective, 2018-07-16, 31",
            "us-federal-contractor, 2018-07-15, DEADLINE,  far-52-204-23-effective, 2018-07-16, 1",
            "us-federal-contractor, 2018-07-16, VIOLATION, far-52-204-23-effective, -,          -",
            "us-federal-contractor, 2018-09-30, VIOLATION, far-52-204-23-effective, -,          -",
            "us-federal-contractor, 2018-10-01, VIOLATION, far-52-204-23-effective, -,          -",
            "us-federal-contractor, 2024-07-20, VIOLATION, far-52-204-23-effective, -,          -",
            "us-federal-contractor, 2024-09-28, VIOLATION, far-52-204-23-effective, -,          -",
            "us-federal-contractor, 2024-09-29, VIOLATION, far-52-204-23-effective, -,          -",
            // us-private: legal throughout, its message tells the federal rules in force (BOD 17-01,
            // FAR 52.204-23, NDAA s.1634); FCC list 2022-03-25, Commerce 2024-06-20, 2024-07-20, 2024-09-29
            "us-private, 2017-09-12, INFO,     -,                       -,          -",
            "us-private, 2017-09-13, INFO,     bod-17-01,               -,          -",
            "us-private, 2018-07-15, INFO,     bod-17-01,               -,          -",
            "us-private, 2018-07-16, INFO,     far-52-204-23-effective, -,          -",
            "us-private, 2018-09-30, INFO,     far-52-204-23-effective, -,          -",
            "us-private, 2018-10-01, INFO,     ndaa-1634-effective,     -,          -",
            "us-private, 2022-03-24, INFO,     ndaa-1634-effective,     -,          -",
            "us-private, 2022-03-25, INFO,     fcc-covered-list,        -,          -",
            "us-private, 2024-06-19, INFO,     fcc-covered-list,        -,          -",
            "us-private, 2024-06-20, DEADLINE, bis-new-agreements-end,  2024-07-20, 30",
            "us-private, 2024-07-19, DEADLINE, bis-new-agreements-end,  2024-07-20, 1",
            "us-private, 2024-07-20, DEADLINE, bis-updates-end,         2024-09-29, 71",
            "us-private, 2024-09-28, DEADLINE, bis-updates-end,         2024-09-29, 1",
            "us-private, 2024-09-29, RISK,     bis-updates-end,         -,          -",
            "us-private, 2026-11-24, RISK,     bis-updates-end,         -,          -",
    })
    void judgesAnInstallOnEachSideOfEveryMilestone(String profile, String date, Level level, String milestone,
                                                   LocalDate deadline, Integer daysLeft) {
        Finding f = only(INSTALLED, profile, date);
        assertThat(f.level()).isEqualTo(level);
        assertThat(f.milestone()).isEqualTo(milestone);
        assertThat(f.deadline()).isEqualTo(deadline);
        assertThat(f.daysLeft()).isEqualTo(daysLeft);
        assertThat(f.presence()).isEqualTo(Presence.INSTALLED);
        assertThat(f.profile()).isEqualTo(profile);
        assertThat(f.ruleId()).isEqualTo("kaspersky-us:kesl");
        if (milestone != null) {
            assertThat(f.citation()).isNotNull();
            assertThat(f.citation().url()).startsWith("https://");
        }
    }

    @ParameterizedTest(name = "{0} on {1}: remnant {2}")
    @CsvSource({
            "us-federal, 2017-09-12, INFO",
            "us-federal, 2017-09-13, RISK",
            "us-federal, 2018-10-01, RISK",
            "us-federal-contractor, 2017-09-13, INFO",
            "us-federal-contractor, 2018-06-15, RISK",
            "us-federal-contractor, 2018-07-16, RISK",
            "us-private, 2024-06-20, INFO",
            "us-private, 2024-09-29, INFO",
    })
    void judgesRemnantsBelowARealInstall(String profile, String date, Level level) {
        Finding remnant = only(REMNANT, profile, date);
        Finding installed = only(INSTALLED, profile, date);
        assertThat(remnant.level()).isEqualTo(level);
        assertThat(remnant.presence()).isEqualTo(Presence.REMNANT);
        assertThat(remnant.message()).contains("remnants remain");
        assertThat(remnant.daysLeft()).isNull();
        if (installed.level() != Level.INFO) {
            assertThat(remnant.level().ordinal()).isGreaterThan(installed.level().ordinal());
        }
    }

    @Test
    void theSeptember29CutOffBeginsAtMidnightEasternNotUtc() {
        RuleEngine before = new RuleEngine(RULES, Clock.fixed(Instant.parse("2024-09-29T03:59:59Z"), ZoneOffset.UTC));
        RuleEngine after = new RuleEngine(RULES, Clock.fixed(Instant.parse("2024-09-29T04:00:00Z"), ZoneOffset.UTC));
        Finding f1 = before.evaluate(INSTALLED, List.of(), "us-private", null).get(0);
        Finding f2 = after.evaluate(INSTALLED, List.of(), "us-private", null).get(0);
        assertThat(f1.level()).isEqualTo(Level.DEADLINE);
        assertThat(f1.daysLeft()).isEqualTo(1);
        assertThat(f2.level()).isEqualTo(Level.RISK);
        assertThat(f2.milestone()).isEqualTo("bis-updates-end");
    }

    @Test
    void countsDaysLeftFromTheClockWhenNoDateIsGiven() {
        RuleEngine onJuly1 = new RuleEngine(RULES, Clock.fixed(Instant.parse("2024-07-01T16:00:00Z"), ZoneOffset.UTC));
        Finding f = onJuly1.evaluate(INSTALLED, List.of(), "us-private", null).get(0);
        assertThat(f.deadline()).isEqualTo(LocalDate.of(2024, 7, 20));
        assertThat(f.daysLeft()).isEqualTo(19);
        assertThat(f.message()).isEqualTo("Kaspersky Endpoint Security for Linux is installed. Under the Commerce ban no new"
                + " Kaspersky sales, renewals or licences are allowed in the US from 2024-07-20; updates stop on 2024-09-29."
                + " 19 days left.");
    }

    @Test
    void theFederalFindingAfterSeptember2024SaysUpdatesStopped() {
        String before = only(INSTALLED, "us-federal", "2024-09-28").message();
        String after = only(INSTALLED, "us-federal", "2024-09-29").message();
        assertThat(before).doesNotContain("no updates");
        assertThat(after).contains("since 2018-10-01").contains("no updates in the US");
    }
}
