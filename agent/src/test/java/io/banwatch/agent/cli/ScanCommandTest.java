package io.banwatch.agent.cli;

import io.banwatch.agent.Fixtures;
import io.banwatch.json.ReportCodec;
import io.banwatch.model.Evidence;
import io.banwatch.model.Finding;
import io.banwatch.model.ScanReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** banwatch scan on a fake Debian root: exact findings per profile around every ban milestone. */
class ScanCommandTest {
    @TempDir
    Path root;

    /** kesl installed; klnagent64 removed with its configuration left (a remnant). */
    @ParameterizedTest(name = "{0} on {1}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            // profile             | date       | kesl: level, milestone, deadline, days     | klnagent64 remnant: level, milestone
            // (a DEADLINE names the milestone it counts down to; any other level the one it applies since)
            "us-federal            | 2017-12-11 | DEADLINE  | bod-17-01-removal       | 2017-12-12 | 1  | RISK | bod-17-01",
            "us-federal            | 2017-12-12 | VIOLATION | bod-17-01-removal       | -          | -  | RISK | bod-17-01-removal",
            "us-federal            | 2018-09-30 | VIOLATION | bod-17-01-removal       | -          | -  | RISK | bod-17-01-removal",
            "us-federal            | 2018-10-01 | VIOLATION | ndaa-1634-effective     | -          | -  | RISK | ndaa-1634-effective",
            "us-federal            | 2024-07-19 | VIOLATION | ndaa-1634-effective     | -          | -  | RISK | ndaa-1634-effective",
            "us-federal            | 2024-07-20 | VIOLATION | ndaa-1634-effective     | -          | -  | RISK | ndaa-1634-effective",
            "us-federal            | 2024-09-28 | VIOLATION | ndaa-1634-effective     | -          | -  | RISK | ndaa-1634-effective",
            "us-federal            | 2024-09-29 | VIOLATION | ndaa-1634-effective     | -          | -  | RISK | ndaa-1634-effective",
            "us-federal-contractor | 2017-12-11 | RISK      | bod-17-01               | -          | -  | INFO | bod-17-01",
            "us-federal-contractor | 2017-12-12 | RISK      | ndaa-1634-enacted       | -          | -  | INFO | ndaa-1634-enacted",
            "us-federal-contractor | 2018-09-30 | VIOLATION | far-52-204-23-effective | -          | -  | RISK | far-52-204-23-effective",
            "us-federal-contractor | 2018-10-01 | VIOLATION | far-52-204-23-effective | -          | -  | RISK | far-52-204-23-effective",
            "us-federal-contractor | 2024-07-19 | VIOLATION | far-52-204-23-effective | -          | -  | RISK | far-52-204-23-effective",
            "us-federal-contractor | 2024-07-20 | VIOLATION | far-52-204-23-effective | -          | -  | RISK | far-52-204-23-effective",
            "us-federal-contractor | 2024-09-28 | VIOLATION | far-52-204-23-effective | -          | -  | RISK | far-52-204-23-effective",
            "us-federal-contractor | 2024-09-29 | VIOLATION | far-52-204-23-effective | -          | -  | RISK | far-52-204-23-effective",
            "us-private            | 2017-12-11 | INFO      | bod-17-01               | -          | -  | INFO | bod-17-01",
            "us-private            | 2017-12-12 | INFO      | bod-17-01               | -          | -  | INFO | bod-17-01",
            "us-private            | 2018-09-30 | INFO      | far-52-204-23-effective | -          | -  | INFO | far-52-204-23-effective",
            "us-private            | 2018-10-01 | INFO      | ndaa-1634-effective     | -          | -  | INFO | ndaa-1634-effective",
            "us-private            | 2024-07-19 | DEADLINE  | bis-new-agreements-end  | 2024-07-20 | 1  | INFO | bis-final-determination",
            "us-private            | 2024-07-20 | DEADLINE  | bis-updates-end         | 2024-09-29 | 71 | INFO | bis-new-agreements-end",
            "us-private            | 2024-09-28 | DEADLINE  | bis-updates-end         | 2024-09-29 | 1  | INFO | bis-new-agreements-end",
            "us-private            | 2024-09-29 | RISK      | bis-updates-end         | -          | -  | INFO | bis-updates-end",
    })
    void judgesTheKaspersyTracesOfADebianRootExactly(String profile, String date, String level, String milestone,
                                                       String deadline, Integer daysLeft, String remnantLevel,
                                                       String remnantMilestone) {
        Fixtures.debianWithKesl(root);
        CliRun run = CliRun.run("scan", "--root", root.toString(), "--json", "--profile", profile, "--as-of", date);

        assertThat(run.err()).isEmpty();
        assertThat(run.exitCode()).isEqualTo(ExitCode.FINDINGS);
        ScanReport report = new ReportCodec().read(run.out());
        assertThat(report.profile()).isEqualTo(profile);
        assertThat(report.asOf()).hasToString(date);
        List<Finding> findings = report.findings();
        assertThat(findings).extracting(Finding::ruleId).containsExactly("kaspersky-us:kesl", "kaspersky-us:klnagent");

        Finding kesl = findings.get(0);
        assertThat(kesl.level()).hasToString(level);
        assertThat(kesl.presence()).hasToString("INSTALLED");
        assertThat(kesl.milestone()).isEqualTo(milestone);
        assertThat(kesl.deadline() == null ? null : kesl.deadline().toString()).isEqualTo(deadline);
        assertThat(kesl.daysLeft()).isEqualTo(daysLeft);
        assertThat(kesl.product()).isEqualTo("Kaspersky Endpoint Security for Linux");
        assertThat(kesl.evidence()).extracting(e -> e.kind().jsonName() + " " + e.name()).containsExactly(
                "software kesl", "systemd-unit kesl.service", "path /opt/kaspersky/kesl", "path /opt/kaspersky");

        Finding agent = findings.get(1);
        assertThat(agent.level()).hasToString(remnantLevel);
        assertThat(agent.presence()).hasToString("REMNANT");
        assertThat(agent.milestone()).isEqualTo(remnantMilestone);
        assertThat(agent.daysLeft()).isNull();
        assertThat(agent.evidence()).extracting(Evidence::name).containsExactly("klnagent64");
    }

    @Test
    void decoysInTheSameRootAreListedAsSoftwareButNotFlagged() {
        Fixtures.debianWithKesl(root);
        ScanReport report = new ReportCodec().read(
                CliRun.run("scan", "--root", root.toString(), "--json", "--as-of", "2026-11-24").out());
        assertThat(report.software()).extracting(s -> s.name()).contains("kaspa-wallet", "kaspertech-tools", "kics");
        assertThat(report.findings()).flatExtracting(Finding::evidence).extracting(Evidence::name)
                .doesNotContain("kaspa-wallet", "kaspertech-tools", "kics");
    }

    @Test
    void printsAReadableTableWithDeadlineAndDaysLeft() {
        Fixtures.debianWithKesl(root);
        CliRun run = CliRun.run("scan", "--root", root.toString(), "--profile", "us-private", "--as-of", "2024-09-01");
        assertThat(run.exitCode()).isEqualTo(ExitCode.FINDINGS);
        assertThat(run.out())
                .contains("Host       ws-0042 (Debian GNU/Linux 12 (bookworm), x86_64)")
                .contains("Profile    us-private, judged on 2024-09-01")
                .contains("Software   15 packages (dpkg 15)")
                .contains("\nSecurity   Kaspersky security product (antivirus 12.1.0-1297)\n")
                .contains("FINDINGS (2)")
                .containsPattern("\nLEVEL +PRODUCT +PRESENCE +MILESTONE +DATE +DAYS LEFT\n")
                .containsPattern("\nDEADLINE +Kaspersky Endpoint +installed +bis-updates-end +2024-09-29 +28\n"
                        + " +Security for Linux\n")
                .contains("plan a replacement. 28 days left.")
                .contains("Source: Commerce BIS Final Determination")
                .contains("Evidence: software kesl 12.1.0-1297; systemd-unit kesl.service");
        assertThat(run.out().lines()).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(100));
    }

    @Test
    void aViolationRowShowsSinceWhenItIsProhibited() {
        Fixtures.debianWithKesl(root);
        CliRun run = CliRun.run("scan", "--root", root.toString(), "--profile", "us-federal", "--as-of", "2024-09-01");
        assertThat(run.out()).containsPattern("\nVIOLATION +Kaspersky Endpoint Security +installed +ndaa-1634-effective"
                + " +since 2018-10-01 +-\n");
        assertThat(run.out().lines()).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(100));
    }

    // ---- a scan that could not read a primary source ----

    @Test
    void anEmptyRootIsIncompleteNotClean() {
        CliRun run = CliRun.run("scan", "--root", root.toString());
        assertThat(run.exitCode()).isEqualTo(ExitCode.INCOMPLETE);
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).doesNotContain("No Kaspersky products found")
                .contains("\nINCOMPLETE: this scan could not read all it needs, so finding no Kaspersky products"
                        + " proves nothing.\n")
                .contains("\n    packages: no package database under " + root);
    }

    @Test
    void theJsonReportMarksThePrimaryError() throws Exception {
        CliRun run = CliRun.run("scan", "--root", root.toString(), "--json");
        assertThat(run.exitCode()).isEqualTo(ExitCode.INCOMPLETE);
        com.fasterxml.jackson.databind.JsonNode errors = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(run.out()).path("errors");
        assertThat(errors).hasSize(1);
        assertThat(errors.get(0).path("source").asText()).isEqualTo("packages");
        assertThat(errors.get(0).path("primary").asBoolean()).isTrue();
    }

    @Test
    void findingsAtFailOnStillExitOneWhenIncompleteAndThreeBelowIt() {
        Fixtures.debianWithKesl(root);
        // An rpm database the (test) rpm cannot read: incomplete, with kesl found through dpkg.
        Fixtures.write(root, "usr/lib/sysimage/rpm/rpmdb.sqlite", "SQLite format 3");
        CliRun atFailOn = CliRun.run("scan", "--root", root.toString(), "--profile", "us-private", "--as-of", "2024-09-01");
        assertThat(atFailOn.exitCode()).isEqualTo(ExitCode.FINDINGS);
        assertThat(atFailOn.out()).contains("\nINCOMPLETE: this scan could not read all it needs, so there may be more"
                + " than the findings below.\n").contains("    rpm: rpm database at /usr/lib/sysimage/rpm could not be read")
                .contains("FINDINGS (2)");
        CliRun belowFailOn = CliRun.run("scan", "--root", root.toString(), "--profile", "us-private", "--as-of",
                "2024-09-01", "--fail-on", "VIOLATION");
        assertThat(belowFailOn.exitCode()).isEqualTo(ExitCode.INCOMPLETE);
    }

    @Test
    void aSecondarySourceFailingIsStillAnAnswer() {
        Fixtures.write(root, "etc/os-release", Fixtures.text("linux/os-release-debian12.txt"));
        Fixtures.write(root, "var/lib/dpkg/status", Fixtures.text("linux/dpkg-status-debian12-clean.txt"));
        // A file where a folder of unit links should be: the systemd source fails, the package database does not.
        Fixtures.write(root, "etc/systemd/system/multi-user.target.wants", "");
        CliRun run = CliRun.run("scan", "--root", root.toString());
        assertThat(run.out()).contains("Errors     1 source could not be read:\n           systemd: ")
                .contains("No Kaspersky products found.").doesNotContain("INCOMPLETE");
        assertThat(run.exitCode()).isEqualTo(ExitCode.CLEAN);
    }

    @Test
    void aCleanRootExitsZero() {
        Fixtures.write(root, "etc/os-release", Fixtures.text("linux/os-release-debian12.txt"));
        Fixtures.write(root, "var/lib/dpkg/status", Fixtures.text("linux/dpkg-status-debian12-clean.txt"));
        CliRun run = CliRun.run("scan", "--root", root.toString(), "--profile", "us-federal");
        assertThat(run.exitCode()).isEqualTo(ExitCode.CLEAN);
        assertThat(run.out()).contains("No Kaspersky products found.").contains("11 packages");
    }

    @Test
    void failOnRaisesTheBarForExitCodeOne() {
        Fixtures.debianWithKesl(root);
        assertThat(CliRun.run("scan", "--root", root.toString(), "--as-of", "2020-01-01", "--fail-on", "RISK").exitCode())
                .isEqualTo(ExitCode.CLEAN);
        assertThat(CliRun.run("scan", "--root", root.toString(), "--as-of", "2025-01-01", "--fail-on", "RISK").exitCode())
                .isEqualTo(ExitCode.FINDINGS);
    }

    @Test
    void aUserRulePackIsApplied() throws Exception {
        Fixtures.debianWithKesl(root);
        Path rules = Files.writeString(root.resolve("rules.json"), Fixtures.text("rules/gzip-ban.json"));
        CliRun run = CliRun.run("scan", "--root", root.toString(), "--json", "--rules", rules.toString(),
                "--profile", "gzip-free", "--as-of", "2026-01-01");
        assertThat(run.err()).isEmpty();
        assertThat(new ReportCodec().read(run.out()).findings()).extracting(Finding::ruleId)
                .containsExactly("gzip-ban:gzip");
    }

    // ---- bad input: one line on stderr, exit 2, nothing on stdout ----

    private static void assertUsageError(CliRun run, String message) {
        assertThat(run.exitCode()).isEqualTo(ExitCode.ERROR);
        assertThat(run.out()).isEmpty();
        assertThat(run.err().lines()).singleElement().isEqualTo(message);
    }

    @Test
    void anUnknownFlagIsOneLine() {
        assertUsageError(CliRun.run("scan", "--jsn"),
                "banwatch: Unknown option: '--jsn'; did you mean '--json'? (see 'banwatch scan --help')");
    }

    @Test
    void aBadDateIsOneLine() {
        assertUsageError(CliRun.run("scan", "--as-of", "2024-02-30"),
                "banwatch: Invalid value for option '--as-of': '2024-02-30' is not a date (expected YYYY-MM-DD) (see 'banwatch scan --help')");
        assertUsageError(CliRun.run("scan", "--as-of", "yesterday"),
                "banwatch: Invalid value for option '--as-of': 'yesterday' is not a date (expected YYYY-MM-DD) (see 'banwatch scan --help')");
    }

    @Test
    void anUnknownProfileOrLevelIsOneLine() {
        assertUsageError(CliRun.run("scan", "--profile", "eu-private"),
                "banwatch: Invalid value for option '--profile': must be us-federal, us-federal-contractor or"
                        + " us-private, not 'eu-private' (see 'banwatch scan --help')");
        assertThat(CliRun.run("scan", "--fail-on", "SEVERE").err()).startsWith("banwatch: Invalid value for option '--fail-on'");
    }

    @Test
    void aMissingRulesFileIsOneLine() {
        Path missing = root.resolve("none.json");
        assertUsageError(CliRun.run("scan", "--rules", missing.toString()), "banwatch: " + missing + ": no such file");
    }

    @Test
    void aMalformedRulesFileIsOneLine() throws Exception {
        Path bad = Files.writeString(root.resolve("bad.json"), "{\"id\": \"x\", ");
        CliRun run = CliRun.run("scan", "--rules", bad.toString());
        assertThat(run.exitCode()).isEqualTo(ExitCode.ERROR);
        assertThat(run.err().lines()).singleElement().asString()
                .startsWith("banwatch: " + bad + ": malformed JSON at line 1, column 13");
    }

    @Test
    void aRootThatIsNotADirectoryIsOneLine() {
        assertUsageError(CliRun.run("scan", "--root", root.resolve("nowhere").toString()),
                "banwatch: --root " + root.resolve("nowhere") + ": not a directory");
    }
}
